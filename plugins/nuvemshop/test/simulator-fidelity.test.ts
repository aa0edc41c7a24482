/** The simulator answers as the platform documents, over raw HTTP (TiendaNube/api-docs). */
import { useSimulator } from '@stock-sync/plugin-testkit/contract';
import { apiPath, call, product, startNuvemSimulator, type NuvemSim } from './support/store';

const sim = useSimulator(async (): Promise<NuvemSim> => {
  const sim = await startNuvemSimulator();
  sim.seed([product(100, 1, 3, { kind: 'quantity', quantity: 5 })]);
  return sim;
});

it('stock null makes a variant infinite: stock_management turns false (derived)', async () => {
  const res = await call(sim, 'PATCH', apiPath(sim, '/products/100/variants'), [
    { id: 1, stock: null },
    { id: 2, stock: 0 },
  ]);
  expect(res.status).toBe(200);
  const byId = Object.fromEntries(res.body.map((v: any) => [v.id, v]));
  expect(byId[1]).toMatchObject({ stock_management: false, stock: null });
  expect(byId[2]).toMatchObject({ stock_management: true, stock: 0 });
  expect(byId[3]).toMatchObject({ stock_management: true, stock: 5 }); // the whole collection comes back
});

it('validates the body like the platform: 400 shape, 422 per-field messages, duplicates, foreign ids', async () => {
  const path = apiPath(sim, '/products/100/variants');
  expect(await call(sim, 'PATCH', path, { id: 1, stock: 1 })).toMatchObject({
    status: 400,
    body: { code: 400, description: 'Invalid input format' },
  });
  expect(await call(sim, 'PATCH', path, [{ id: 1, stock: '5' }])).toMatchObject({
    status: 422,
    body: { description: 'Validation error', stock: ['The stock must be an integer.'] },
  });
  expect(
    await call(sim, 'PATCH', path, [
      { id: 1, stock: 1 },
      { id: 1, stock: 2 },
    ]),
  ).toMatchObject({ status: 422, body: { duplicate_variant_ids: [1] } });
  const foreign = await call(sim, 'PATCH', path, [
    { id: 1, stock: 1 },
    { id: 99, stock: 2 },
  ]);
  expect(foreign.status).toBe(422);
  // All-or-nothing: the valid element was not applied either.
  expect(sim.state.variants.get(1)!.stock).toBe(5);
  expect(await call(sim, 'PATCH', path, '[{"id":1,"stock":1}]', { 'content-type': 'text/plain' })).toMatchObject({ status: 415 });
  expect(await call(sim, 'PATCH', apiPath(sim, '/products/555/variants'), [{ id: 1, stock: 1 }])).toMatchObject({
    status: 404,
    body: { code: 404 },
  });
});

it('paginates with per_page ≤ 200, X-Total-Count and Link, and 404s past the last page', async () => {
  const first = await call(sim, 'GET', apiPath(sim, '/products/100/variants?per_page=2&fields=id,stock'));
  expect(first.body).toEqual([
    { id: 1, stock: 5 },
    { id: 2, stock: 5 },
  ]);
  expect(first.headers.get('x-total-count')).toBe('3');
  expect(first.headers.get('link')).toContain('rel="next"');
  const past = await call(sim, 'GET', apiPath(sim, '/products/100/variants?per_page=2&page=3'));
  expect(past.status).toBe(404);
});

it('a token for another store id in the path is refused', async () => {
  const res = await call(sim, 'GET', '/2025-03/42/products');
  expect(res.status).toBe(401);
});
