/** The plugin's writes against the Magento simulator over real HTTP: manage_stock flips, source items, fewest calls. */
import { AuthError, NotFound, UNLIMITED, OUT_OF_STOCK, quantity } from '@stock-sync/plugin-api';
import { seedProduct, refsOfProduct } from '@stock-sync/plugin-testkit/fixtures';
import { startSimulator } from '@stock-sync/plugin-testkit/simulator';
import { simulator } from '../src/simulator';
import { calls, connect, writes, type MagentoSim } from './support/store';

let sim: MagentoSim;
beforeEach(async () => void (sim = await startSimulator(simulator)));
afterEach(() => sim.close());

const item = (sku: string) => sim.state.stockItems.get(sku)!;
const source = (sku: string, code = 'default') => sim.state.sourceItems.get(`${sku}|${code}`);

describe('stock management on and off (the legacy stock item)', () => {
  it('makes a tracked SKU unlimited with manage_stock off, sending the rest of the item back as it was', async () => {
    const p = seedProduct('TEE', 101, 1, quantity(4));
    sim.seed([p]);
    Object.assign(item('101'), { min_sale_qty: 2, use_config_min_sale_qty: 0, notify_stock_qty: 3 });
    const out = await connect(sim).writeStock(writes(refsOfProduct(p), UNLIMITED, quantity(4)));
    expect(out[0].status).toBe('written');
    expect(calls(sim)).toEqual(['GET /stockItems/101', 'PUT /products/101/stockItems/2']);
    expect(item('101')).toMatchObject({
      manage_stock: false,
      use_config_manage_stock: false,
      is_in_stock: true,
      min_sale_qty: 2,
      use_config_min_sale_qty: 0,
      notify_stock_qty: 3,
      qty: 4,
    });
    expect(sim.stock(refsOfProduct(p)[0])).toEqual(UNLIMITED);
  });

  it('sells out an unlimited SKU with one stock-item write that turns management on with 0 (synced to the default source)', async () => {
    const p = seedProduct('TEE', 101, 1);
    sim.seed([p]);
    item('101').qty = 40; // a stale count from before it was unmanaged
    const out = await connect(sim).writeStock(writes(refsOfProduct(p), OUT_OF_STOCK));
    expect(out[0].status).toBe('written');
    expect(calls(sim)).toEqual(['GET /stockItems/101', 'PUT /products/101/stockItems/2']);
    expect(item('101')).toMatchObject({ manage_stock: true, qty: 0, is_in_stock: false });
    expect(source('101')).toEqual({ quantity: 0, status: 0 });
    expect(await connect(sim).readStock(refsOfProduct(p))).toEqual([{ ...refsOfProduct(p)[0], status: 'found', stock: OUT_OF_STOCK }]);
  });

  it('checks the stock item when the hub knows nothing, and writes nothing more when it is already right', async () => {
    const p = seedProduct('TEE', 101, 1);
    sim.seed([p]);
    const out = await connect(sim).writeStock(writes(refsOfProduct(p), UNLIMITED));
    expect(out[0].status).toBe('written');
    expect(calls(sim)).toEqual(['GET /stockItems/101']);
  });
});

describe('quantities (MSI source items)', () => {
  it('sets every tracked count with one source-items call, no stock-item reads', async () => {
    const p = seedProduct('TEE', 101, 3, quantity(5));
    sim.seed([p]);
    const [a, b, c] = refsOfProduct(p);
    const out = await connect(sim).writeStock([
      { ...a, target: quantity(9), previous: quantity(5) },
      { ...b, target: OUT_OF_STOCK, previous: quantity(5) },
      { ...c, target: quantity(1), previous: quantity(5) },
    ]);
    expect(out.every((o) => o.status === 'written')).toBe(true);
    expect(calls(sim)).toEqual(['POST /inventory/source-items']);
    expect([source('101'), source('102'), source('103')]).toEqual([
      { quantity: 9, status: 1 },
      { quantity: 0, status: 0 },
      { quantity: 1, status: 1 },
    ]);
    // The legacy item follows the default source, is_in_stock derived from the count.
    expect([item('101').is_in_stock, item('102').is_in_stock]).toEqual([true, false]);
    expect((await connect(sim).readStock([a, b, c])).map((r) => (r.status === 'found' ? r.stock : r.status))).toEqual([
      quantity(9),
      OUT_OF_STOCK,
      quantity(1),
    ]);
  });

  it('writes the count to the configured source, not the default one', async () => {
    const p = seedProduct('TEE', 101, 1);
    sim.seed([p]);
    const conn = connect(sim, { sourceCode: 'eu_warehouse' });
    const out = await conn.writeStock(writes(refsOfProduct(p), quantity(6)));
    expect(out[0].status).toBe('written');
    expect(calls(sim)).toEqual(['GET /stockItems/101', 'PUT /products/101/stockItems/2', 'POST /inventory/source-items']);
    expect(source('101', 'eu_warehouse')).toEqual({ quantity: 6, status: 1 });
    // The default source keeps its count; its status follows Magento's verifyStock once the item is managed.
    expect(source('101')).toEqual({ quantity: 0, status: 0 });
    expect(await conn.readStock(refsOfProduct(p))).toEqual([{ ...refsOfProduct(p)[0], status: 'found', stock: quantity(6) }]);
  });

  it('fails a SKU Magento no longer has NotFound, found by halving the refused call (never by reading SKUs out of the error text)', async () => {
    const p = seedProduct('TEE', 101, 3, quantity(5));
    sim.seed([p]);
    const [a, gone, c] = refsOfProduct(p);
    sim.faults.deleteVariant(gone);
    const out = await connect(sim).writeStock(writes([a, gone, c], quantity(2), quantity(5)));
    expect(out[0].status).toBe('written');
    expect(out[1].status === 'failed' && out[1].error).toBeInstanceOf(NotFound);
    expect(out[2].status).toBe('written');
    // [a, gone, c] refused → [a, gone] refused → [a] ok, [gone] refused (NotFound) → [c] ok.
    expect(calls(sim)).toEqual(Array(5).fill('POST /inventory/source-items'));
    expect(sim.stock(a)).toEqual(quantity(2));
    expect(sim.stock(c)).toEqual(quantity(2));
  });
});

describe('fewest calls', () => {
  it('makes no call at all when everything is believed in place', async () => {
    const u = seedProduct('A', 101, 2);
    const t = seedProduct('B', 201, 2, quantity(3));
    sim.seed([u, t]);
    const out = await connect(sim).writeStock([
      ...writes(refsOfProduct(u), UNLIMITED, UNLIMITED),
      ...writes(refsOfProduct(t), quantity(3), quantity(3)),
    ]);
    expect(out.every((o) => o.status === 'written')).toBe(true);
    expect(calls(sim)).toEqual([]);
  });
});

describe('auth', () => {
  it('verify checks the token and the source', async () => {
    await expect(connect(sim).verify()).resolves.toBeUndefined();
    expect(
      await connect(sim, { sourceCode: 'nowhere' })
        .verify()
        .catch((e: unknown) => e),
    ).toBeInstanceOf(AuthError);
    const bad = await connect(sim, { accessToken: 'mage_wrong' })
      .verify()
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(AuthError);
    expect((bad as Error).message).toContain("isn't authorized to access Magento_InventoryApi::source");
  });
});
