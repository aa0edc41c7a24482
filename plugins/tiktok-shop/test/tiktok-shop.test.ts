/** The plugin against the TikTok Shop simulator over real HTTP: emulated unlimited, batching, refusals. */
import { AuthError, NotFound, Rejected } from '@stock-sync/plugin-api';
import type { StockWrite, TargetStock } from '@stock-sync/plugin-api';
import { SIM_DEFAULT_WAREHOUSE_ID, SIM_SECOND_WAREHOUSE_ID } from '../src/simulator';
import { call, connect, product, refsOf, searchCalls, startTikTokSimulator, updateCalls, type TikTokSim } from './support/store';

const U: TargetStock = { kind: 'unlimited' };
const O: TargetStock = { kind: 'out_of_stock' };
const Q = (quantity: number): TargetStock => ({ kind: 'quantity', quantity });
const P1 = '1729000000000000001';
const P2 = '1729000000000000002';

let sim: TikTokSim;
beforeEach(async () => {
  sim = await startTikTokSimulator();
});
afterEach(() => sim.close());

const writes = (
  refs: { externalProductId: string; externalVariantId: string }[],
  target: TargetStock,
  previous?: TargetStock,
): StockWrite[] => refs.map((r) => ({ ...r, target, previous }));
const sku = (productId: string, id: string) => sim.state.products.get(productId)!.skus.get(id)!;

describe('emulated unlimited and sold out', () => {
  it('writes 99,998 for unlimited, 0 for sold out and the count for a quantity', async () => {
    const p = product(P1, 1, 3, Q(1));
    sim.seed([p]);
    const out = await connect(sim).writeStock([
      { ...refsOf(p)[0], target: U },
      { ...refsOf(p)[1], target: O },
      { ...refsOf(p)[2], target: Q(12) },
    ]);
    expect(out.map((o) => o.status)).toEqual(['written', 'written', 'written']);
    expect(sku(P1, '1').stock).toEqual([{ warehouseId: SIM_DEFAULT_WAREHOUSE_ID, available: 99_998, committed: 0 }]);
    expect(sku(P1, '2').stock[0].available).toBe(0);
    expect(sku(P1, '3').stock[0].available).toBe(12);
  });

  it('reads a count of 90,000 or more as unlimited (sales wear the emulated figure down), below as a quantity', async () => {
    const p = product(P1, 1, 2);
    sim.seed([p]);
    sku(P1, '1').stock[0].available = 91_234;
    sku(P1, '2').stock[0].available = 89_999;
    const read = await connect(sim).readStock(refsOf(p));
    expect(read.map((r) => (r.status === 'found' ? r.stock : r.status))).toEqual([U, Q(89_999)]);
  });

  it("caps a quantity at TikTok's maximum instead of sending one it refuses", async () => {
    const p = product(P1, 1, 1);
    sim.seed([p]);
    const out = await connect(sim).writeStock(writes(refsOf(p), Q(250_000)));
    expect(out[0].status).toBe('written');
    expect(sku(P1, '1').stock[0].available).toBe(99_998);
  });

  it('the simulator refuses a quantity of 99,999 or more, as TikTok does (400, code 36009004)', async () => {
    sim.seed([product(P1, 1, 1)]);
    const r = await call(sim, 'POST', `/product/202309/products/${P1}/inventory/update`, {
      body: { skus: [{ id: '1', inventory: [{ quantity: 99_999 }] }] },
    });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 36009004, data: null });
    expect(r.body.message).toMatch(/less than 99999/);
  });
});

describe('the fewest calls', () => {
  it('one Update Inventory call per product per 100 SKUs; one Inventory Search for all of them', async () => {
    const a = product(P1, 1, 150, Q(1));
    const b = product(P2, 1001, 3, Q(1));
    sim.seed([a, b]);
    const conn = connect(sim);
    const out = await conn.writeStock([...writes(refsOf(a), Q(4)), ...writes(refsOf(b), O)]);
    expect(out.every((o) => o.status === 'written')).toBe(true);
    expect(updateCalls(sim).map((r) => r.path)).toEqual([
      `/product/202309/products/${P1}/inventory/update`,
      `/product/202309/products/${P1}/inventory/update`,
      `/product/202309/products/${P2}/inventory/update`,
    ]);
    sim.resetRequests();
    const read = await conn.readStock([...refsOf(a), ...refsOf(b)]);
    expect(read.every((r) => r.status === 'found')).toBe(true);
    expect(searchCalls(sim)).toHaveLength(1);
  });

  it('makes no call for a product whose writes are all in place, and re-asserts the rest', async () => {
    const a = product(P1, 1, 2, O);
    const b = product(P2, 11, 2, O);
    sim.seed([a, b]);
    const out = await connect(sim).writeStock([...writes(refsOf(a), O, O), ...writes(refsOf(b), U, O)]);
    expect(out.every((o) => o.status === 'written')).toBe(true);
    expect(sim.requests.map((r) => r.path)).toEqual([`/product/202309/products/${P2}/inventory/update`]);
  });

  it('keeps outcomes in input order across interleaved products and collapses duplicates', async () => {
    const a = product(P1, 1, 2);
    const b = product(P2, 3, 1);
    sim.seed([a, b]);
    const [a1, a2] = refsOf(a);
    const [b1] = refsOf(b);
    const out = await connect(sim).writeStock([
      { ...b1, target: O },
      { ...a1, target: Q(3) },
      { ...a2, target: O },
      { ...a1, target: Q(5) },
    ]);
    expect(out.map((o) => `${o.externalVariantId}:${o.status}`)).toEqual(['3:written', '1:written', '2:written', '1:written']);
    expect(sku(P1, '1').stock[0].available).toBe(5);
    expect(updateCalls(sim)).toHaveLength(2);
  });
});

describe('per-SKU and per-product refusals', () => {
  it('a deleted SKU is NotFound (from data.errors) while the rest of its call is written', async () => {
    const p = product(P1, 1, 3);
    sim.seed([p]);
    sim.faults.deleteVariant(refsOf(p)[1]);
    const out = await connect(sim).writeStock(writes(refsOf(p), Q(2)));
    expect(out.map((o) => o.status)).toEqual(['written', 'failed', 'written']);
    expect((out[1] as { error: Error }).error).toBeInstanceOf(NotFound);
    expect(updateCalls(sim)).toHaveLength(1);
  });

  it('a deleted product (404) fails its SKUs with NotFound and the next product is still written', async () => {
    const a = product(P1, 1, 2);
    const b = product(P2, 3, 1);
    sim.seed([a, b]);
    sim.state.products.delete(P1);
    const out = await connect(sim).writeStock([...writes(refsOf(a), O), ...writes(refsOf(b), O)]);
    expect(out.map((o) => o.status)).toEqual(['failed', 'failed', 'written']);
    expect((out[0] as { error: Error }).error).toBeInstanceOf(NotFound);
    expect(sim.stock(refsOf(b)[0])).toEqual(O);
  });

  it("a product that is not live takes no stock: Rejected with TikTok's reason", async () => {
    const p = product(P1, 1, 2, Q(3));
    sim.seed([p]);
    sim.state.products.get(P1)!.status = 'SELLER_DEACTIVATED';
    const out = await connect(sim).writeStock(writes(refsOf(p), O));
    for (const o of out) {
      expect(o.status).toBe('failed');
      expect((o as { error: Error }).error).toBeInstanceOf(Rejected);
      expect((o as { error: Error }).error.message).toMatch(/not live/);
    }
    expect(sim.stock(refsOf(p)[0])).toEqual(Q(3));
  });

  it('ids that cannot be TikTok ids are refused without a call', async () => {
    const out = await connect(sim).writeStock([{ externalProductId: 'gid://x/1', externalVariantId: '2', target: O }]);
    expect((out[0] as { error: Error }).error).toBeInstanceOf(Rejected);
    expect(sim.requests).toHaveLength(0);
  });

  it('readStock: a SKU under another product than named is NotFound', async () => {
    sim.seed([product(P1, 1, 1), product(P2, 2, 1)]);
    const [r] = await connect(sim).readStock([{ externalProductId: P2, externalVariantId: '1' }]);
    expect(r.status === 'failed' && r.error instanceof NotFound).toBe(true);
  });
});

describe('warehouses', () => {
  function twoWarehouses(): void {
    sim.seed([product(P1, 1, 1, Q(4))]);
    sku(P1, '1').stock.push({ warehouseId: SIM_SECOND_WAREHOUSE_ID, available: 6, committed: 0 });
  }

  it('a SKU stocked in several warehouses needs warehouse_id: without the warehouseId setting the write is Rejected', async () => {
    twoWarehouses();
    const [o] = await connect(sim).writeStock([{ externalProductId: P1, externalVariantId: '1', target: O }]);
    expect(o.status).toBe('failed');
    expect((o as { error: Error }).error).toBeInstanceOf(Rejected);
    expect((o as { error: Error }).error.message).toMatch(/warehouse_id is required/);
  });

  it('with warehouseId set, writes and reads that warehouse only', async () => {
    twoWarehouses();
    const conn = connect(sim, { warehouseId: SIM_SECOND_WAREHOUSE_ID });
    const ref = { externalProductId: P1, externalVariantId: '1' };
    expect((await conn.writeStock([{ ...ref, target: Q(9) }]))[0].status).toBe('written');
    expect(sku(P1, '1').stock.map((w) => w.available)).toEqual([4, 9]);
    expect(await conn.readStock([ref])).toEqual([{ ...ref, status: 'found', stock: Q(9) }]);
  });

  it("a warehouse that is not the shop's is refused per SKU with TikTok's extra_errors", async () => {
    sim.seed([product(P1, 1, 1)]);
    const [o] = await connect(sim, { warehouseId: '7999999999999999999' }).writeStock([
      { externalProductId: P1, externalVariantId: '1', target: O },
    ]);
    expect((o as { error: Error }).error).toBeInstanceOf(Rejected);
    expect((o as { error: Error }).error.message).toMatch(/does not belong to this shop/);
  });
});

describe('verify', () => {
  it('one Get Authorized Shops call proves the key, the signature, the token and the shop cipher', async () => {
    await expect(connect(sim).verify()).resolves.toBeUndefined();
    expect(sim.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /authorization/202309/shops 200']);
  });

  it('a shop cipher the token is not authorised for is an AuthError', async () => {
    const err = await connect(sim, { shopCipher: 'ROW_some_other_shop' })
      .verify()
      .catch((e) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toMatch(/shop cipher/);
  });

  it('a 429 with code 36009002 is waited out by the SDK client (no Retry-After: its 1 s default)', async () => {
    sim.faults.rateLimit(1, 1);
    const started = Date.now();
    await connect(sim).verify();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(sim.requests.map((r) => r.status)).toEqual([429, 200]);
  });
});
