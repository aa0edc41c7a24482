/**
 * Regression tests (issue "Platform truth"), from TikTok Shop's 202309 documents:
 * - Inventory Search's total_available_quantity is the "total available inventory of SKU across all warehouses,
 *   including in shop inventory, campaign inventory, and creator inventory"; a warehouse's available_quantity "is
 *   equivalent to inventory.quantity under the product SKU" (what Update Inventory sets). Reads use the latter.
 * - "The SKU stock can be updated only by this SKU in live status": other products are Rejected with the reason.
 * - The per-SKU not-found code is not published: a per-SKU "does not exist" is believed only when Inventory
 *   Search agrees; otherwise Rejected. A failing call that names only some SKUs never marks the rest written.
 */
import { NotFound, Rejected } from '@stock-sync/plugin-api';
import type { PluginLogger, TargetStock } from '@stock-sync/plugin-api';
import { tiktokShopConnection } from '../src/connection';
import type { TikTokApi, TikTokEnvelope } from '../src/tiktok-api';
import { SIM_SECOND_WAREHOUSE_ID } from '../src/simulator';
import { connect, product, refsOf, startTikTokSimulator, type TikTokSim } from './support/store';

const Q = (quantity: number): TargetStock => ({ kind: 'quantity', quantity });
const P1 = '1729000000000000001';
const quiet: PluginLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

describe('reads the warehouse quantity the write sets (simulator)', () => {
  let sim: TikTokSim;
  beforeEach(async () => {
    sim = await startTikTokSimulator();
  });
  afterEach(() => sim.close());
  const sku = (id: string) => sim.state.products.get(P1)!.skus.get(id)!;

  it("campaign and creator stock are not counted: the SKU's own warehouse quantity is", async () => {
    const p = product(P1, 1, 1, Q(7));
    sim.seed([p]);
    sku('1').campaign = [{ name: 'Summer sale', quantity: 5 }];
    sku('1').creator = [{ name: 'creator_a', quantity: 2 }];
    expect(await connect(sim).readStock(refsOf(p))).toEqual([{ ...refsOf(p)[0], status: 'found', stock: Q(7) }]);
  });

  it('a SKU with several warehouses and no warehouseId setting is Rejected naming the setting, not summed', async () => {
    const p = product(P1, 1, 1, Q(4));
    sim.seed([p]);
    sku('1').stock.push({ warehouseId: SIM_SECOND_WAREHOUSE_ID, available: 6, committed: 0 });
    const [r] = await connect(sim).readStock(refsOf(p));
    expect(r.status === 'failed' && r.error).toBeInstanceOf(Rejected);
    expect(r.status === 'failed' && r.error.message).toMatch(/2 warehouses.*warehouseId/);
  });

  it("a product that is not live is Rejected with TikTok's reason and the live rule, not retried", async () => {
    const p = product(P1, 1, 2, Q(4));
    sim.seed([p]);
    sim.state.products.get(P1)!.status = 'SELLER_DEACTIVATED';
    const out = await connect(sim).writeStock(refsOf(p).map((r) => ({ ...r, target: Q(1) })));
    for (const o of out) {
      expect(o.status === 'failed' && o.error).toBeInstanceOf(Rejected);
      expect(o.status === 'failed' && o.error.retryable).toBe(false);
      expect(o.status === 'failed' && o.error.message).toMatch(/only live SKUs/);
    }
  });
});

describe('per-SKU errors (answers as TikTok documents them, no simulator)', () => {
  /** A TikTokApi answering Update Inventory and Inventory Search with fixed envelopes, recording the calls. */
  function stubApi(update: TikTokEnvelope<unknown>, listed: string[]): { api: TikTokApi; paths: string[] } {
    const paths: string[] = [];
    const api: TikTokApi = {
      async call<T>(_method: string, path: string): Promise<TikTokEnvelope<T>> {
        paths.push(path);
        if (path.endsWith('/inventory/update')) return update as TikTokEnvelope<T>;
        return {
          code: 0,
          message: 'Success',
          data: {
            inventory: [
              {
                product_id: P1,
                skus: listed.map((id) => ({
                  id,
                  seller_sku: id,
                  total_available_quantity: 1,
                  total_committed_quantity: 0,
                  warehouse_inventory: [],
                })),
              },
            ],
          },
        } as TikTokEnvelope<T>;
      },
    };
    return { api, paths };
  }
  const refs = ['11', '12', '13'].map((id) => ({ externalProductId: P1, externalVariantId: id, target: Q(3) }));

  it('believes "does not exist" only when Inventory Search no longer lists the SKU', async () => {
    const notExist = (sku_id: string) => ({ code: 17000000, message: 'SKU does not exist', detail: { sku_id } });
    const { api, paths } = stubApi({ code: 0, message: 'Success', data: { errors: [notExist('11'), notExist('12')] } }, ['12', '13']);
    const out = await tiktokShopConnection(api, { shopCipher: 'c' }, quiet).writeStock(refs);
    expect(out[0].status === 'failed' && out[0].error).toBeInstanceOf(NotFound);
    expect(out[1].status === 'failed' && out[1].error).toBeInstanceOf(Rejected);
    expect(out[1].status === 'failed' && out[1].error.details).toMatchObject({ skuStillListed: true });
    expect(out[2].status).toBe('written');
    expect(paths).toEqual(['/product/202309/products/1729000000000000001/inventory/update', '/product/202309/inventory/search']);
  });

  it('a non-zero code naming only some SKUs leaves the others failed, never written', async () => {
    const { api } = stubApi(
      {
        code: 12052900,
        message: 'Partial failure',
        data: { errors: [{ code: 12052901, message: 'Product status invalid', detail: { sku_id: '11' } }] },
      },
      [],
    );
    const out = await tiktokShopConnection(api, { shopCipher: 'c' }, quiet).writeStock(refs);
    expect(out.map((o) => o.status)).toEqual(['failed', 'failed', 'failed']);
    expect(out[1].status === 'failed' && out[1].error.message).toMatch(/not known to be written/);
  });
});
