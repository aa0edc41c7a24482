/**
 * The connection on the SDK's pipeline, against a stub TikTokApi recording each call's body: searches carry
 * SKU ids product by product (products in first-seen order, an unusable id moving none), outcomes come back
 * in input order; writes are one call per product, and a stop fails what is not answered yet.
 */
import { NotFound, RateLimited, Rejected } from '@stock-sync/plugin-api';
import type { PluginLogger, TargetStock } from '@stock-sync/plugin-api';
import { tiktokShopConnection } from '../src/connection';
import type { TikTokApi, TikTokEnvelope } from '../src/tiktok-api';

const quiet: PluginLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const Q = (quantity: number): TargetStock => ({ kind: 'quantity', quantity });
const [PA, PB] = ['1729000000000000001', '1729000000000000002'];

function stubApi(answer: (path: string) => TikTokEnvelope<unknown> | Error) {
  const calls: { path: string; body: unknown }[] = [];
  const api: TikTokApi = {
    async call<T>(_method: string, path: string, options?: { body?: unknown }): Promise<TikTokEnvelope<T>> {
      calls.push({ path, body: options?.body });
      const a = answer(path);
      if (a instanceof Error) throw a;
      return a as TikTokEnvelope<T>;
    },
  };
  return { api, calls };
}

const sku = (id: string, quantity: number) => ({
  id,
  seller_sku: id,
  total_available_quantity: quantity,
  total_committed_quantity: 0,
  warehouse_inventory: [{ warehouse_id: 'w1', available_quantity: quantity, committed_quantity: 0 }],
});

it('searches SKU ids product by product and answers in input order', async () => {
  const { api, calls } = stubApi(() => ({
    code: 0,
    message: 'Success',
    data: {
      inventory: [
        { product_id: PA, skus: [sku('11', 1), sku('12', 2)] },
        { product_id: PB, skus: [sku('21', 3)] },
      ],
    },
  }));
  const refs = [
    { externalProductId: PB, externalVariantId: 'x' }, // unusable: no call, and it does not put PB first
    { externalProductId: PA, externalVariantId: '11' },
    { externalProductId: PB, externalVariantId: '21' },
    { externalProductId: PA, externalVariantId: '12' },
    { externalProductId: PA, externalVariantId: '11' },
  ];
  const out = await tiktokShopConnection(api, { shopCipher: 'c' }, quiet).readStock(refs);
  expect(calls).toEqual([{ path: '/product/202309/inventory/search', body: { sku_ids: ['11', '12', '21'] } }]);
  expect(out.map((o) => (o.status === 'found' ? o.stock : o.error))).toEqual([expect.any(NotFound), Q(1), Q(3), Q(2), Q(1)]);
  expect(out.map((o) => o.externalVariantId)).toEqual(['x', '11', '21', '12', '11']);
});

it('writes one call per product; a throttle fails the products not yet written, not those written', async () => {
  const limited = new RateLimited('TikTok Shop throttled the app', 60_000);
  const { api, calls } = stubApi((path) => (path.includes(PB) ? limited : { code: 0, message: 'Success', data: {} }));
  const changes = [
    { externalProductId: PA, externalVariantId: '11', target: Q(4) },
    { externalProductId: PB, externalVariantId: '21', target: Q(5) },
    { externalProductId: PA, externalVariantId: '12', target: Q(6) },
    { externalProductId: 'p', externalVariantId: '1', target: Q(6) },
  ];
  const out = await tiktokShopConnection(api, { shopCipher: 'c' }, quiet).writeStock(changes);
  expect(out.map((o) => (o.status === 'written' ? o.status : o.error))).toEqual(['written', limited, 'written', expect.any(Rejected)]);
  expect(calls.map((c) => [c.path, c.body])).toEqual([
    [
      `/product/202309/products/${PA}/inventory/update`,
      {
        skus: [
          { id: '11', inventory: [{ quantity: 4 }] },
          { id: '12', inventory: [{ quantity: 6 }] },
        ],
      },
    ],
    [`/product/202309/products/${PB}/inventory/update`, { skus: [{ id: '21', inventory: [{ quantity: 5 }] }] }],
  ]);
});
