/** readStock against the Squarespace simulator over real HTTP. */
import { NotFound, OUT_OF_STOCK as O, quantity as Q, UNLIMITED as U } from '@stock-sync/plugin-api';
import { simulator } from '../src/simulator';
import { wrapRoute } from '@stock-sync/plugin-testkit/simulator';
import { connect, paths, product, refsOf, startSqspSimulator, type SqspSim } from './support/store';

let sim: SqspSim;
afterEach(() => sim.close());

it('reads up to 50 ids per call and maps isUnlimited / quantity', async () => {
  sim = await startSqspSimulator();
  const p = product('p1', 60, Q(3));
  sim.seed([p]);
  const refs = refsOf(p);
  sim.manualEdit(refs[0], U);
  sim.manualEdit(refs[1], O);
  const seen = await connect(sim).readStock(refs);
  expect(seen.slice(0, 3).map((s) => (s.status === 'found' ? s.stock : s.status))).toEqual([U, O, Q(3)]);
  expect(seen.every((s) => s.status === 'found')).toBe(true);
  expect(sim.requests.map((r) => r.path.split(',').length)).toEqual([50, 10]);
});

it('an id the site does not know comes back NotFound, the others found, in input order', async () => {
  sim = await startSqspSimulator();
  sim.seed([product('p1', 2)]);
  const seen = await connect(sim).readStock([{ externalProductId: 'p1', externalVariantId: 'nope' }, ...refsOf(product('p1', 2))]);
  expect(seen.map((s) => s.externalVariantId)).toEqual(['nope', 'p1-v1', 'p1-v2']);
  expect(seen[0].status === 'failed' && seen[0].error instanceof NotFound).toBe(true);
  expect(seen.slice(1).every((s) => s.status === 'found')).toBe(true);
});

it('the documented whole-read 404 for an unknown id: reads halves, down to single ids', async () => {
  const strict = wrapRoute(
    simulator,
    (r) => r.method === 'GET' && r.path.endsWith('/:ids'),
    (original) => (req, ctx) =>
      req.params.ids.split(',').every((id) => ctx.state.items.has(id))
        ? original(req, ctx)
        : { status: 404, body: { type: 'NOT_FOUND', subtype: null, message: 'Not found', details: null, contextId: null } },
  );
  sim = await startSqspSimulator(strict);
  sim.seed([product('p1', 2)]);
  const seen = await connect(sim).readStock([...refsOf(product('p1', 2)), { externalProductId: 'p1', externalVariantId: 'gone' }]);
  expect(seen.map((s) => s.status)).toEqual(['found', 'found', 'failed']);
  // Halves, down to single ids: the known half in one call, the unknown id alone.
  expect(paths(sim)).toEqual(['GET /p1-v1,p1-v2,gone 404', 'GET /p1-v1,p1-v2 200', 'GET /gone 404']);
});
