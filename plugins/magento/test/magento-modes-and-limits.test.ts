/**
 * Regression tests for stores the first version misread (issue "Platform truth"):
 * - Multi-Source Inventory disabled: every /V1/inventory/* path answers 404 "Request does not match any
 *   route." (Magento's REST router); verify, writes and reads must use the legacy stock items instead of
 *   reporting an AuthError.
 * - Web API input limits on (documented default 20 items per entity array,
 *   https://developer.adobe.com/commerce/webapi/get-started/api-security/): a longer source-items call is
 *   refused whole with 400 "Maximum items of type "%type" is %max"; the plugin splits and sends again.
 */
import { AuthError, NotFound, UNLIMITED, OUT_OF_STOCK, quantity } from '@stock-sync/plugin-api';
import { seedProduct, refsOfProduct } from '@stock-sync/plugin-testkit/fixtures';
import { startSimulator } from '@stock-sync/plugin-testkit/simulator';
import { simulator } from '../src/simulator';
import { calls, connect, type MagentoSim } from './support/store';

let sim: MagentoSim;
beforeEach(async () => void (sim = await startSimulator(simulator)));
afterEach(() => sim.close());

describe('a store without Multi-Source Inventory', () => {
  beforeEach(() => {
    sim.state.msi = false;
  });

  it('verify proves the token on the legacy stock items instead of calling the missing source an AuthError', async () => {
    await expect(connect(sim).verify()).resolves.toBeUndefined();
    expect(calls(sim)).toEqual(['GET /inventory/sources/default', 'GET /stockItems/lowStock/']);
  });

  it('verify fails loudly when a non-default source is configured (only the default stock exists)', async () => {
    const err = await connect(sim, { sourceCode: 'eu_warehouse' })
      .verify()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as Error).message).toMatch(/Multi-Source Inventory is disabled/);
  });

  it('writes counts through the legacy stock item (GET + PUT per SKU) after the source-items call finds no route', async () => {
    const p = seedProduct('TEE', 101, 2, quantity(5));
    sim.seed([p]);
    const [a, b] = refsOfProduct(p);
    const conn = connect(sim);
    const out = await conn.writeStock([
      { ...a, target: quantity(9), previous: quantity(5) },
      { ...b, target: OUT_OF_STOCK, previous: quantity(5) },
    ]);
    expect(out.map((o) => o.status)).toEqual(['written', 'written']);
    expect(sim.state.stockItems.get('101')).toMatchObject({ manage_stock: true, qty: 9, is_in_stock: true });
    expect(sim.state.stockItems.get('102')).toMatchObject({ qty: 0, is_in_stock: false });
    expect(calls(sim)[0]).toBe('POST /inventory/source-items');
    expect(calls(sim).slice(1).sort()).toEqual([
      'GET /stockItems/101',
      'GET /stockItems/102',
      'PUT /products/101/stockItems/2',
      'PUT /products/102/stockItems/3',
    ]);
    // The connection remembers: the next write goes straight to the stock items; reads too.
    sim.resetRequests();
    expect((await conn.writeStock([{ ...a, target: UNLIMITED, previous: quantity(9) }]))[0].status).toBe('written');
    expect(calls(sim)).toEqual(['GET /stockItems/101', 'PUT /products/101/stockItems/2']);
    expect((await conn.readStock([a, b])).map((r) => (r.status === 'found' ? r.stock : r.status))).toEqual([UNLIMITED, OUT_OF_STOCK]);
  });

  it('reads from the stock items alone on a fresh connection', async () => {
    const p = seedProduct('TEE', 101, 2, quantity(5));
    sim.seed([p]);
    const read = await connect(sim).readStock(refsOfProduct(p));
    expect(read.map((r) => (r.status === 'found' ? r.stock : r.status))).toEqual([quantity(5), quantity(5)]);
  });
});

describe('Web API input limits', () => {
  it('splits a refused 30-item source-items call into calls of the limit the store names, and keeps to it', async () => {
    sim.state.inputListLimit = 20;
    const p = seedProduct('TEE', 1001, 30, quantity(5));
    sim.seed([p]);
    const conn = connect(sim);
    const out = await conn.writeStock(refsOfProduct(p).map((r) => ({ ...r, target: quantity(7), previous: quantity(5) })));
    expect(out.every((o) => o.status === 'written')).toBe(true);
    expect(refsOfProduct(p).map((r) => sim.stock(r))).toEqual(refsOfProduct(p).map(() => quantity(7)));
    // 30 refused whole (400), then 20 + 10.
    expect(sim.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 400', 'POST 200', 'POST 200']);
    sim.resetRequests();
    await conn.writeStock(refsOfProduct(p).map((r) => ({ ...r, target: quantity(8), previous: quantity(7) })));
    expect(sim.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 200', 'POST 200']);
  });

  it('isolates unknown SKUs among many without trusting the (possibly truncated) list in the error', async () => {
    const p = seedProduct('TEE', 2001, 40, quantity(5));
    sim.seed([p]);
    const refs = refsOfProduct(p);
    sim.faults.deleteVariant(refs[3]);
    sim.faults.deleteVariant(refs[37]);
    const out = await connect(sim).writeStock(refs.map((r) => ({ ...r, target: quantity(2), previous: quantity(5) })));
    out.forEach((o, i) => {
      if (i === 3 || i === 37) expect(o.status === 'failed' && o.error).toBeInstanceOf(NotFound);
      else expect(o.status).toBe('written');
    });
  });
});
