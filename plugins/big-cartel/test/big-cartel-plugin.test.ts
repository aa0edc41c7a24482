/** The plugin against the Big Cartel simulator over real HTTP: emulated unlimited, whole option sets, fewest calls. */
import { AuthError, NotFound, OUT_OF_STOCK as O, quantity as Q, UNLIMITED as U } from '@stock-sync/plugin-api';
import type { StockWrite } from '@stock-sync/plugin-api';
import { refsOfProduct as refsOf, seedProduct as product } from '@stock-sync/plugin-testkit/fixtures';
import { connect, startBigCartelSimulator, type BigCartelSim } from './support/account';

let sim: BigCartelSim;
beforeEach(async () => {
  sim = await startBigCartelSimulator();
});
afterEach(async () => {
  await sim.close();
});

const qty = (id: string) => sim.state.options.get(id)?.quantity;
const calls = () => sim.requests.map((r) => `${r.method} ${r.path.replace(/^\/v1\/accounts\/\d+/, '')}`);

it('writes unlimited as 999, out of stock as 0, a quantity as itself, and reads them back', async () => {
  const p = product(100, 1, 3, Q(5));
  sim.seed([p]);
  const [a, b, c] = refsOf(p);
  const conn = connect(sim);
  const out = await conn.writeStock([
    { ...a, target: U },
    { ...b, target: O },
    { ...c, target: Q(7) },
  ]);
  expect(out.map((o) => o.status)).toEqual(['written', 'written', 'written']);
  expect([qty('1'), qty('2'), qty('3')]).toEqual([999, 0, 7]);
  expect((await conn.readStock([a, b, c])).map((r) => (r.status === 'found' ? r.stock : r.status))).toEqual([U, O, Q(7)]);
});

it('reads the emulated band: ≥ 900 is unlimited (sales eat into 999), below is a quantity; re-asserting tops it up', async () => {
  const p = product(100, 1, 2);
  sim.seed([p]);
  const [a, b] = refsOf(p);
  sim.state.options.get('1')!.quantity = 950;
  sim.state.options.get('2')!.quantity = 899;
  const conn = connect(sim);
  expect((await conn.readStock([a, b])).map((r) => (r.status === 'found' ? r.stock : r.status))).toEqual([U, Q(899)]);
  await conn.writeStock([{ ...a, target: U }]);
  expect(qty('1')).toBe(999);
});

it('patches only the changed option as its own resource and confirms it by reading the product back; untouched options stay as they are', async () => {
  const p = product(100, 1, 4, Q(5));
  sim.seed([p]);
  const refs = refsOf(p);
  const out = await connect(sim).writeStock([{ ...refs[1], target: O }]);
  expect(out[0].status).toBe('written');
  expect(sim.state.products.get('100')!.optionIds).toEqual(['1', '2', '3', '4']);
  expect([qty('1'), qty('2'), qty('3'), qty('4')]).toEqual([5, 0, 5, 5]);
  expect(calls()).toEqual(['GET /products/100', 'PATCH /products/100/options/2', 'GET /products/100']);
});

it('sends no PATCH when every option already shows its target, and no call at all when the hub says so', async () => {
  const p = product(100, 1, 2, O);
  sim.seed([p]);
  const refs = refsOf(p);
  const conn = connect(sim);
  expect((await conn.writeStock(refs.map((r) => ({ ...r, target: O })))).every((o) => o.status === 'written')).toBe(true);
  expect(calls()).toEqual(['GET /products/100']);
  sim.resetRequests();
  const inPlace: StockWrite[] = refs.map((r) => ({ ...r, target: O, previous: Q(0) }));
  expect((await conn.writeStock(inPlace)).every((o) => o.status === 'written')).toBe(true);
  expect(sim.requests).toHaveLength(0);
});

it('a deleted option is NotFound and never named in the PATCH; a deleted product makes all its options NotFound', async () => {
  const a = product(100, 1, 3, Q(2));
  const b = product(200, 10, 1, Q(2));
  sim.seed([a, b]);
  sim.faults.deleteVariant(refsOf(a)[0]);
  sim.state.products.delete('200');
  const out = await connect(sim).writeStock([...refsOf(a), ...refsOf(b)].map((r) => ({ ...r, target: Q(4) })));
  expect(out.map((o) => (o.status === 'failed' ? o.error.name : o.status))).toEqual(['NotFound', 'written', 'written', 'NotFound']);
  expect(out[0].status === 'failed' && out[0].error).toBeInstanceOf(NotFound);
  expect([qty('2'), qty('3')]).toEqual([4, 4]);
});

it("derives the product's sold_out status from its options (modelled)", async () => {
  const p = product(100, 1, 2, Q(1));
  sim.seed([p]);
  const conn = connect(sim);
  await conn.writeStock(refsOf(p).map((r) => ({ ...r, target: O })));
  expect(sim.state.products.get('100')!.status).toBe('sold_out');
  await conn.writeStock([{ ...refsOf(p)[0], target: U }]);
  expect(sim.state.products.get('100')!.status).toBe('active');
});

it("works with HTTP Basic (subdomain:password) on one's own store, and refuses without any credentials before sending", async () => {
  sim.seed([product(100, 1, 1)]);
  // The sandbox checks a request against the credentials it holds: give it a store password too.
  const basic = { subdomain: 'sandbox', password: 'bc_test_password_0000' };
  Object.assign(sim.credentials as Record<string, string>, basic);
  await expect(connect(sim, { ...basic, accessToken: undefined }).verify()).resolves.toBeUndefined();
  const none = connect(sim, { accessToken: undefined, subdomain: undefined, password: undefined });
  await expect(none.verify()).rejects.toBeInstanceOf(AuthError);
  const before = sim.requests.length;
  const out = await none.writeStock([{ externalProductId: '100', externalVariantId: '1', target: O }]);
  expect(out[0].status === 'failed' && out[0].error).toBeInstanceOf(AuthError);
  expect(sim.requests.length).toBe(before);
});
