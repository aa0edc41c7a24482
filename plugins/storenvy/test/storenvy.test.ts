/** The plugin against the Storenvy simulator over real HTTP: both stock fields, one PUT per variant, auth. */
import { AuthError, OUT_OF_STOCK as O, quantity as Q, UNLIMITED as U } from '@stock-sync/plugin-api';
import type { StoreConnection } from '@stock-sync/plugin-api';
import { connectToSimulator } from '@stock-sync/plugin-testkit/contract';
import { seedProduct } from '@stock-sync/plugin-testkit/fixtures';
import { startSimulator } from '@stock-sync/plugin-testkit/simulator';
import type { RunningSimulator } from '@stock-sync/plugin-testkit/simulator';
import { plugin } from '../src';
import { simulator, type StorenvySimState } from '../src/simulator';
import { send } from './support/send';

let sim: RunningSimulator<StorenvySimState>;
/** Every connection's log lines (each connection records its own). */
let logs: string[][];
beforeEach(async () => {
  sim = await startSimulator(simulator);
  sim.seed([seedProduct(500, 5001, 3, Q(1))]);
  logs = [];
});
afterEach(() => sim.close());

function connect(overrides: Record<string, string> = {}): StoreConnection {
  const hub = connectToSimulator({ plugin, simulator: sim, credentials: overrides });
  logs.push(hub.log.lines);
  return hub.connection;
}
const refs = ['5001', '5002', '5003'].map((v) => ({ externalProductId: '500', externalVariantId: v }));
const variant = (id: number) => sim.state.products.get(500)!.variants.get(id)!;
const lines = () => sim.requests.map((r) => `${r.method} ${r.path} ${r.status}`);

const raw = (method: string, path: string, body?: unknown, contentType?: string) => send(sim, method, path, body, contentType);

it('sends full_quantity and in_stock together: 9,999/true for unlimited, 0/false sold out, n/true a quantity', async () => {
  const out = await connect().writeStock([
    { ...refs[0], target: U },
    { ...refs[1], target: O },
    { ...refs[2], target: Q(25_000) },
  ]);
  expect(out.every((o) => o.status === 'written')).toBe(true);
  expect([variant(5001), variant(5002), variant(5003)].map((v) => [v.full_quantity, v.in_stock])).toEqual([
    [9_999, true],
    [0, false],
    [9_999, true],
  ]);
  expect(lines()).toEqual([
    'PUT /v1/products/500/variants/5001.json 200',
    'PUT /v1/products/500/variants/5002.json 200',
    'PUT /v1/products/500/variants/5003.json 200',
  ]);
});

it('reads a variant marked out of stock as sold out whatever its count, and 9,000+ as unlimited', async () => {
  variant(5001).in_stock = false;
  variant(5001).full_quantity = 5;
  variant(5002).full_quantity = 9_500;
  const read = await connect().readStock(refs);
  expect(read.map((r) => (r.status === 'found' ? r.stock : r.status))).toEqual([O, U, Q(1)]);
  expect(lines()).toEqual(['GET /v1/products/500/variants.json 200']);
});

it('skips variants the hub says are in place (each would cost a call)', async () => {
  await connect().writeStock([
    { ...refs[0], target: Q(1), previous: Q(1) },
    { ...refs[1], target: O, previous: Q(1) },
  ]);
  expect(lines()).toEqual(['PUT /v1/products/500/variants/5002.json 200']);
});

it('the token travels as access_token and never reaches a log line', async () => {
  await connect().verify();
  await connect().writeStock([{ ...refs[0], target: O }]);
  expect(lines()).toEqual(['GET /v1/store.json 200', 'PUT /v1/products/500/variants/5001.json 200']);
  expect(logs.flat().length).toBeGreaterThan(0);
  expect(logs.flat().join('\n')).not.toContain(sim.credentials.accessToken);
});

it('a token without store_write stops the run with AuthError after one call', async () => {
  sim.state.scopes.delete('store_write');
  const out = await connect().writeStock(refs.map((r) => ({ ...r, target: O })));
  expect(out.every((o) => o.status === 'failed' && o.error instanceof AuthError && /OAuthPermissionsException/.test(o.error.message))).toBe(
    true,
  );
  expect(sim.requests).toHaveLength(1);
});

it('the simulator takes parameters from the query string too (as the node client sends them) and validates them (422)', async () => {
  expect((await raw('PUT', '/v1/products/500/variants/5001?full_quantity=4&in_stock=true')).status).toBe(200);
  expect(variant(5001)).toMatchObject({ full_quantity: 4, in_stock: true });
  const bad = await raw('PUT', '/v1/products/500/variants/5001.json', { full_quantity: -2 });
  expect(bad).toEqual({
    status: 422,
    body: { meta: { code: 422, error_type: 'ValidationError', error_message: 'full_quantity must be a whole number of 0 or more' } },
  });
});

it('regression: the simulator refuses a form-encoded body (Storenvy is JSON-only) and the plugin sends JSON', async () => {
  const form = await raw(
    'PUT',
    '/v1/products/500/variants/5001.json',
    'full_quantity=3&in_stock=true',
    'application/x-www-form-urlencoded',
  );
  expect(form.status).toBe(415);
  expect(variant(5001).full_quantity).toBe(1);
  expect((await connect().writeStock([{ ...refs[0], target: Q(3) }]))[0].status).toBe('written');
  expect(variant(5001)).toMatchObject({ full_quantity: 3, in_stock: true });
});

it('regression: reads and writes find variants past the first page of 50 (pagination.next_url)', async () => {
  sim.seed([seedProduct(600, 6001, 120, Q(2))]);
  const last = { externalProductId: '600', externalVariantId: '6120' };
  const read = await connect().readStock([last]);
  expect(read[0]).toMatchObject({ status: 'found', stock: Q(2) });
  expect(lines()).toEqual([
    'GET /v1/products/600/variants.json 200',
    'GET /v1/products/600/variants.json 200',
    'GET /v1/products/600/variants.json 200',
  ]);
  sim.resetRequests();
  // Only the first page is needed for a variant on it: no further calls.
  await connect().readStock([{ externalProductId: '600', externalVariantId: '6001' }]);
  expect(sim.requests).toHaveLength(1);
  expect((await connect().readStock([{ externalProductId: '600', externalVariantId: '9999' }]))[0]).toMatchObject({ status: 'failed' });
});
