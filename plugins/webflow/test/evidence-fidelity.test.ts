/**
 * The simulator held to Webflow's documents: each documented request is sent to it and its answer must
 * have the documented shape (field names, nesting, JSON types, status), and the inventory answers must
 * validate against the response schemas of Webflow's official OpenAPI document (a trimmed copy in
 * spec/webflow-data-api-v2-inventory.yml, with its source URL).
 */
import { join } from 'node:path';
import { useSimulator } from '@stock-sync/plugin-testkit/contract';
import { evidence, expectDocumentedAnswer, expectSameShape } from '@stock-sync/plugin-testkit/evidence';
import { loadOpenApiSpec, openApiBodyValidator, openApiResponseValidator } from '@stock-sync/plugin-testkit/openapi';
import { SANDBOX_SITE_ID, SANDBOX_SKU_COLLECTION_ID } from '../src/simulator';
import { call, product, skuId, startWebflowSimulator, type WebflowSim } from './support/site';

const DIR = join(__dirname, 'evidence');
const spec = loadOpenApiSpec(join(__dirname, '..', 'spec', 'webflow-data-api-v2-inventory.yml'));
const SPEC_PATH = '/collections/{collection_id}/items/{item_id}/inventory';

const sim = useSimulator(async (): Promise<WebflowSim> => {
  const sim = await startWebflowSimulator();
  sim.seed([product('prod-1', 1, 1, { kind: 'quantity', quantity: 5 })]);
  return sim;
});

/** The documented request path with the simulator's ids. */
function pathOf(template: string): string {
  return template
    .replace('{sku_collection_id}', SANDBOX_SKU_COLLECTION_ID)
    .replace('{sku_id}', skuId(1))
    .replace('{site_id}', SANDBOX_SITE_ID);
}

async function send(name: string) {
  const e = evidence(DIR, name);
  const query = e.request!.query ? `?${new URLSearchParams(e.request!.query)}` : '';
  const res = await call(sim, e.request!.method, pathOf(e.request!.path) + query, e.request!.body);
  return { e, res };
}

it.each(['list-inventory', 'update-inventory-finite', 'update-inventory-infinite', 'list-collections', 'list-products'])(
  '%s: the documented request gets the documented status and shape',
  async (name) => {
    const { e, res } = await send(name);
    expectDocumentedAnswer(res, e);
  },
);

it.each([
  ['GET', 'list-inventory'],
  ['PATCH', 'update-inventory-finite'],
  ['PATCH', 'update-inventory-infinite'],
])(
  '%s inventory (%s): the answer validates against the official response schema, the request against its body schema',
  async (method, name) => {
    const { e, res } = await send(name);
    const verdict = openApiResponseValidator(spec, method, SPEC_PATH, 200)(res.body);
    expect(verdict).toEqual({ ok: true });
    if (method === 'PATCH') expect(openApiBodyValidator(spec, 'PATCH', SPEC_PATH)(e.request!.body)).toEqual({ ok: true });
  },
);

it('the official schema has teeth: a wrong inventoryType or a string quantity is refused', () => {
  const validate = openApiResponseValidator(spec, 'GET', SPEC_PATH, 200);
  expect(validate({ id: 'x', quantity: 1, inventoryType: 'unlimited' }).ok).toBe(false);
  expect(validate({ id: 'x', quantity: '1', inventoryType: 'finite' }).ok).toBe(false);
});

it('errors: 401 and 429 in the documented body shape and status', async () => {
  const unauth = await call(sim, 'GET', pathOf(evidence(DIR, 'error-401-not-authorized').request!.path), undefined, false);
  expect(unauth.status).toBe(401);
  expectSameShape(unauth.body, evidence(DIR, 'error-401-not-authorized').response!.body, 'error-401-not-authorized');

  sim.faults.rateLimit(1, 60);
  const { e, res } = await send('error-429-too-many-requests');
  expect(res.status).toBe(429);
  expectSameShape(res.body, e.response!.body, e.name);
  for (const h of ['x-ratelimit-remaining', 'retry-after']) expect([h, res.headers.get(h)]).toEqual([h, expect.stringMatching(/^\d+$/)]);
});

it('409 ecommerce_not_enabled in the documented shape, and valid against the official 409 schema', async () => {
  sim.state.ecommerceEnabled = false;
  const { e, res } = await send('error-409-ecommerce-not-enabled');
  expect(res.status).toBe(409);
  expectSameShape(res.body, e.response!.body, e.name);
  const inv = await call(sim, 'GET', pathOf('/v2/collections/{sku_collection_id}/items/{sku_id}/inventory'));
  expect(inv.status).toBe(409);
  // The spec types externalReference as a string, while its own example (and Webflow's answers) carry null.
  expect(
    openApiResponseValidator(spec, 'GET', SPEC_PATH, 409)({ ...inv.body, externalReference: inv.body.externalReference ?? '' }),
  ).toEqual({ ok: true });
});
