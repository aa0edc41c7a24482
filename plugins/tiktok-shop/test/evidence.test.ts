/**
 * TikTok Shop's documents (test/evidence/*.json, each with its public URL) held against the plugin's parsing and
 * the simulator: the same field names, types and status codes. TikTok publishes no OpenAPI document, so there is
 * no schema validation here (README "Sources").
 */
import * as path from 'node:path';
import { AuthError, NotFound } from '@stock-sync/plugin-api';
import type { PluginLogger } from '@stock-sync/plugin-api';
import { useSimulator } from '@stock-sync/plugin-testkit/contract';
import { evidence, expectDocumentedAnswer, loadEvidenceDir } from '@stock-sync/plugin-testkit/evidence';
import { tiktokShopConnection } from '../src/connection';
import { skuError } from '../src/connection';
import { stockOfSku } from '../src/stock-mapping';
import type { TikTokApi, InventorySearchData, InventoryUpdateData, TikTokEnvelope } from '../src/tiktok-api';
import { call, startTikTokSimulator, type TikTokSim } from './support/store';

const DIR = path.join(__dirname, 'evidence');
const ev = (name: string) => evidence(DIR, name);
const body = <T>(name: string) => ev(name).response!.body as TikTokEnvelope<T>;
const quiet: PluginLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

it('every evidence file names a public source and a date', () => {
  expect(loadEvidenceDir(DIR).length).toBeGreaterThanOrEqual(4);
});

describe('parsing the documented answers (no simulator)', () => {
  it("reads the warehouse's available_quantity, not the total that includes campaign and creator stock", () => {
    const sku = body<InventorySearchData>('inventory-search').data!.inventory![0].skus[0];
    expect(sku.total_available_quantity).toBe(200);
    expect(stockOfSku(sku, undefined)).toEqual({ kind: 'quantity', quantity: 150 });
    expect(stockOfSku(sku, '7068517275539719942')).toEqual({ kind: 'quantity', quantity: 150 });
    expect(stockOfSku(sku, '1')).toBeUndefined();
  });

  it('maps a documented per-SKU error (a claim the SKU does not exist) to NotFound, subject to confirmation', () => {
    const e = body<InventoryUpdateData>('update-inventory-sku-errors').data!.errors![0];
    expect(skuError('1729592969712207008', e.detail!.sku_id!, e)).toBeInstanceOf(NotFound);
  });

  it('verify accepts the documented shops answer for its cipher and refuses another cipher', async () => {
    const shops = body<unknown>('authorized-shops');
    const api: TikTokApi = { call: async <T>() => shops as TikTokEnvelope<T> };
    await expect(
      tiktokShopConnection(api, { shopCipher: 'GCP_XF90igAAAABh00qsWgtvOiGFNqyubMt3' }, quiet).verify(),
    ).resolves.toBeUndefined();
    await expect(tiktokShopConnection(api, { shopCipher: 'other' }, quiet).verify()).rejects.toBeInstanceOf(AuthError);
  });

  it('a documented success envelope writes every SKU of the call', async () => {
    const ok = body<unknown>('update-inventory');
    const api: TikTokApi = { call: async <T>() => ok as TikTokEnvelope<T> };
    const out = await tiktokShopConnection(api, { shopCipher: 'c' }, quiet).writeStock([
      { externalProductId: '1729592969712207008', externalVariantId: '1729592969712207013', target: { kind: 'quantity', quantity: 999 } },
    ]);
    expect(out[0].status).toBe('written');
  });
});

describe('the simulator answers the documented requests in the documented shape', () => {
  const PRODUCT = '1729592969712207008';
  const SKU = '1729592969712207013';
  const WAREHOUSE = '7068517275539719942';
  const sim = useSimulator(async (): Promise<TikTokSim> => {
    const sim = await startTikTokSimulator();
    sim.seed([{ productId: PRODUCT, variants: [{ variantId: SKU, initial: { kind: 'quantity', quantity: 150 } }] }]);
    sim.state.warehouseIds.push(WAREHOUSE);
    const sku = sim.state.products.get(PRODUCT)!.skus.get(SKU)!;
    sku.stock = [{ warehouseId: WAREHOUSE, available: 150, committed: 10 }];
    sku.campaign = [{ name: 'Flash sale', quantity: 30 }];
    sku.creator = [{ name: 'creator_a', quantity: 20 }];
    return sim;
  });

  it.each(['update-inventory', 'inventory-search', 'authorized-shops'])('%s', async (name) => {
    const e = ev(name);
    const res = await call(sim, e.request!.method, e.request!.path, { body: e.request!.body });
    expectDocumentedAnswer(res, e);
  });

  it('inventory-search: the total counts campaign and creator stock as documented', async () => {
    const res = await call(sim, 'POST', '/product/202309/inventory/search', { body: { sku_ids: [SKU] } });
    expect(res.body.data.inventory[0].skus[0]).toMatchObject({
      total_available_quantity: 200,
      warehouse_inventory: [{ available_quantity: 150 }],
    });
  });

  it('update-inventory-sku-errors: an SKU not in the product is named in data.errors', async () => {
    const e = ev('update-inventory-sku-errors');
    const res = await call(sim, e.request!.method, e.request!.path, { body: e.request!.body });
    // extra_errors is shown by the document but optional (warehouse-level detail): not required of the simulator.
    expectDocumentedAnswer(res, e, { ignore: ['$.data.errors[].detail.extra_errors'] });
  });
});
