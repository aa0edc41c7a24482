/**
 * The simulator held to Shopify's documents: each documented request (test/evidence/*.json) is sent to it;
 * its answer must have the documented status and shape, and its `data` must be valid for the 2026-04 Admin
 * schema's types of the selected fields (test/response-schema-check.ts, over the official introspection
 * result in spec/). Error answers (throttled, cost cap, 401) are compared with the documented ones.
 */
import { join } from 'node:path';
import { evidence, expectDocumentedAnswer, expectSameShape } from '@stock-sync/plugin-testkit/evidence';
import { HUB_LOCATION_ID, OTHER_LOCATION_ID } from '../src/simulator';
import { loadAdminSchema } from '../src/simulator/schema';
import { variantGid } from '../src/simulator/state';
import { schemaErrorsOfAnswer } from './response-schema-check';
import { catalog, gql, startHarness, type Harness } from './support';

const DIR = join(__dirname, 'evidence');
const schema = loadAdminSchema();

let h: Harness;
beforeAll(async () => {
  h = await startHarness(catalog(1, 2, { kind: 'quantity', quantity: 5 }));
});
afterAll(() => h.close());

/** The documented variables with the simulated shop's ids (and a fresh idempotency key per send). */
function variablesFor(name: string): Record<string, unknown> {
  const text = JSON.stringify((evidence(DIR, name).request!.body as { variables: unknown }).variables);
  const v0 = h.sim.state.variants.get(variantGid('40000'))!;
  const v1 = h.sim.state.variants.get(variantGid('40001'))!;
  return JSON.parse(
    text
      .replaceAll('gid://shopify/InventoryItem/900001', v0.inventoryItemId)
      .replaceAll('gid://shopify/InventoryItem/900002', v1.inventoryItemId)
      .replaceAll('gid://shopify/Location/71001', HUB_LOCATION_ID)
      .replace(/1f0e8f2a-0000-4000-8000-0000000000\d\d/g, () => `key-${Math.random()}`),
  );
}

async function send(name: string, variables = variablesFor(name)) {
  const e = evidence(DIR, name);
  const { query } = e.request!.body as { query: string };
  const res = await gql(h.sim, query, variables);
  return { e, res, query, variables };
}

function expectValidForSchema(query: string, variables: Record<string, unknown>, data: unknown, label: string) {
  expect([label, schemaErrorsOfAnswer(schema, query, variables, data)]).toEqual([label, []]);
}

it.each([
  'verify',
  'read-variants',
  'product-variants-bulk-update',
  'inventory-set-quantities',
  'inventory-set-quantities-stale',
  'inventory-set-quantities-checked',
])('%s: documented status, shape, and schema-valid data', async (name) => {
  const { e, res, query, variables } = await send(name);
  // nodes[2] is null in both; inventoryLevel is null for the untracked variant in the document only.
  expectDocumentedAnswer(res, e, { nullable: ['$.data.nodes[]', '$.data.nodes[].inventoryItem.inventoryLevel'] });
  expectValidForSchema(query, variables, res.body.data, name);
});

it('inventory-activate: stocks an item at a location that has no level for it, in the documented shape', async () => {
  const v = h.sim.state.variants.get(variantGid('40001'))!;
  h.sim.state.inventoryItems.get(v.inventoryItemId)!.levels.delete(OTHER_LOCATION_ID);
  const variables = { ...variablesFor('inventory-activate'), locationId: OTHER_LOCATION_ID, i0: v.inventoryItemId };
  const { e, res, query } = await send('inventory-activate', variables);
  expect(res.status).toBe(200);
  expectSameShape(res.body, e.response!.body, e.name);
  expectValidForSchema(query, variables, res.body.data, e.name);
  expect(h.sim.state.inventoryItems.get(v.inventoryItemId)!.levels.get(OTHER_LOCATION_ID)?.available).toBe(0);
});

it('the schema check has teeth: a wrong enum, a string for a Boolean, a null for a non-null field, an extra field', async () => {
  const { res, query, variables } = await send('read-variants');
  const broken = (mutate: (d: any) => void) => {
    const d = JSON.parse(JSON.stringify(res.body.data));
    mutate(d);
    return schemaErrorsOfAnswer(schema, query, variables, d);
  };
  expect(broken((d) => (d.nodes[0].inventoryPolicy = 'MAYBE'))).not.toEqual([]);
  expect(broken((d) => (d.nodes[0].inventoryItem.tracked = 'yes'))).not.toEqual([]);
  expect(broken((d) => (d.nodes[0].id = null))).not.toEqual([]);
  expect(broken((d) => (d.nodes[0].sku = 'extra'))).not.toEqual([]);
});

it('throttled and cost-cap answers in the documented shape', async () => {
  // Drain the bucket, then the documented request (at 150 ids: 750 points) is throttled.
  h.sim.state.bucket.take(h.sim.state.bucket.status().currentlyAvailable);
  const many = Array.from({ length: 150 }, (_, i) => variantGid(String(70000 + i)));
  const { e, res } = await send('throttled', { ids: many, locationId: HUB_LOCATION_ID });
  expectDocumentedAnswer(res, e, { nullable: ['$.extensions.cost.actualQueryCost'] });
  expect(res.body.errors[0].extensions.code).toBe('THROTTLED');
  await new Promise((r) => setTimeout(r, 10));

  const ids = Array.from({ length: 250 }, (_, i) => variantGid(String(60000 + i)));
  const over = await gql(h.sim, (evidence(DIR, 'max-cost-exceeded').request!.body as { query: string }).query, {
    ids,
    locationId: HUB_LOCATION_ID,
  });
  expectSameShape(over.body, evidence(DIR, 'max-cost-exceeded').response!.body, 'max-cost-exceeded');
  expect(over.body.errors[0].extensions.code).toBe('MAX_COST_EXCEEDED');
});

it('401 with a REST-style string errors body', async () => {
  const e = evidence(DIR, 'unauthorized');
  const res = await gql(h.sim, (e.request!.body as { query: string }).query, variablesFor('unauthorized'), 'shpat_wrong');
  expect(res.status).toBe(401);
  expectSameShape(res.body, e.response!.body, e.name, { closed: true });
});
