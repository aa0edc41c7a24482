/** The simulator's JSON:API documents, required headers and PATCH validation, over raw HTTP. */
import { seedProduct as product } from '@stock-sync/plugin-testkit/fixtures';
import { useSimulator } from '@stock-sync/plugin-testkit/contract';
import { call, startBigCartelSimulator, type BigCartelSim } from './support/account';

const P = () => `/v1/accounts/${sim.credentials.accountId}/products/100`;
const sim = useSimulator(async (): Promise<BigCartelSim> => {
  const sim = await startBigCartelSimulator();
  sim.seed([product(100, 1, 2, { kind: 'quantity', quantity: 3 })]);
  return sim;
});

const patch = (options: unknown[]) => ({ data: { id: '100', type: 'products', relationships: { options: { data: options } } } });

it('renders a product with its options in included (quantity, sold) when asked with include=options, and without them otherwise', async () => {
  expect((await call(sim, 'GET', P())).body.included).toBeUndefined();
  const res = await call(sim, 'GET', `${P()}?include=options`);
  expect(res.status).toBe(200);
  expect(res.body.data).toMatchObject({
    id: '100',
    type: 'products',
    attributes: { status: 'active' },
    relationships: {
      options: {
        data: [
          { id: '1', type: 'product_options' },
          { id: '2', type: 'product_options' },
        ],
      },
    },
  });
  expect(res.body.included).toEqual([
    expect.objectContaining({ id: '1', type: 'product_options', attributes: expect.objectContaining({ quantity: 3, sold: 0 }) }),
    expect.objectContaining({ id: '2', type: 'product_options' }),
  ]);
});

it('requires the User-Agent (400), the JSON:API Accept (406) and valid credentials (401)', async () => {
  expect((await call(sim, 'GET', P(), undefined, { 'user-agent': '' })).status).toBe(400);
  expect((await call(sim, 'GET', P(), undefined, { accept: 'application/json' })).status).toBe(406);
  expect(await call(sim, 'GET', P(), undefined, { authorization: 'Bearer nope' })).toMatchObject({
    status: 401,
    body: { errors: [{ status: '401' }] },
  });
});

const optionPatch = (id: string, attributes: unknown) => ({ data: { id, type: 'product_options', attributes } });

it('validates the option PATCH document (JSON:API resource object) and names the offending member', async () => {
  const bad = await call(sim, 'PATCH', `${P()}/options/1`, optionPatch('1', { quantity: -1 }));
  expect(bad).toMatchObject({ status: 400, body: { errors: [{ source: { pointer: '/data/attributes/quantity' } }] } });
  expect((await call(sim, 'PATCH', `${P()}/options/1`, optionPatch('2', { quantity: 1 }))).status).toBe(409);
  expect((await call(sim, 'PATCH', `${P()}/options/1`, { data: { id: '1', type: 'products', attributes: { quantity: 1 } } })).status).toBe(
    409,
  );
  expect((await call(sim, 'PATCH', `${P()}/options/77`, optionPatch('77', { quantity: 1 }))).status).toBe(404);
  expect(sim.state.options.get('1')!.quantity).toBe(3);
  const ok = await call(sim, 'PATCH', `${P()}/options/1`, optionPatch('1', { quantity: 0 }));
  expect(ok).toMatchObject({ status: 200, body: { data: { id: '1', type: 'product_options', attributes: { quantity: 0 } } } });
});

it('regression: refuses attributes inside the options relationship linkage (JSON:API allows only type, id, meta there)', async () => {
  const res = await call(
    sim,
    'PATCH',
    P(),
    patch([
      { id: '1', type: 'product_options', attributes: { quantity: 0 } },
      { id: '2', type: 'product_options' },
    ]),
  );
  expect(res).toMatchObject({ status: 400, body: { errors: [{ source: { pointer: '/data/relationships/options/data/0/attributes' } }] } });
  expect(sim.state.options.get('1')!.quantity).toBe(3);
});

it('treats the options linkage as the complete list (the strict reading): an option left out is deleted', async () => {
  const res = await call(sim, 'PATCH', P(), patch([{ id: '2', type: 'product_options' }]));
  expect(res.status).toBe(200);
  expect(sim.state.products.get('100')!.optionIds).toEqual(['2']);
  expect(sim.stock({ externalProductId: '100', externalVariantId: '1' })).toBe('deleted');
});
