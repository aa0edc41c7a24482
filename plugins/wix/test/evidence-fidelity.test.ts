/**
 * The simulator held to Wix's documents: each documented request (test/evidence/*.json) is sent to a
 * simulated site of the right catalog version; the answer must have the documented status and shape.
 * (No official OpenAPI document for these Wix APIs was found; the method pages cited in each evidence file,
 * with their schema listings, are the reference.)
 */
import { join } from 'node:path';
import { evidence, expectSameShape } from '@stock-sync/plugin-testkit/evidence';
import { simulator, simulatorV1 } from '../src/simulator';
import { call, product, refsOf, start, type WixSim } from './support/store';

const DIR = join(__dirname, 'evidence');
let v1: WixSim;
let v3: WixSim;
beforeAll(async () => {
  v1 = await start(simulatorV1);
  v3 = await start(simulator);
  v1.seed([product('p1', 1, { kind: 'quantity', quantity: 5 })]);
  v3.seed([product('p1', 1, { kind: 'quantity', quantity: 5 })]);
});
afterAll(async () => {
  await v1.close();
  await v3.close();
});

/** The documented request with the simulated site's ids in place of the document's. */
function requestFor(name: string, ids: Record<string, string>) {
  let text = JSON.stringify(evidence(DIR, name).request);
  for (const [from, to] of Object.entries(ids)) text = text.replaceAll(from, to);
  return JSON.parse(text) as { method: string; path: string; body?: unknown };
}

async function sendDocumented(sim: WixSim, name: string, ids: Record<string, string> = {}) {
  const req = requestFor(name, ids);
  const res = await call(sim, req.method, req.path, req.body);
  const e = evidence(DIR, name);
  expect([name, res.status]).toEqual([name, e.response!.status]);
  expectSameShape(res.body, e.response!.body, name, { nullable: ['$.pagingMetadata.cursors'] });
  return res;
}

it('get-catalog-version', async () => {
  await sendDocumented(v3, 'get-catalog-version');
  expect((await call(v1, 'GET', '/stores/v3/provision/version')).body).toEqual({ catalogVersion: 'V1_CATALOG' });
});

it('v1-query-inventory and v1-update-inventory-variants (on a V1 site)', async () => {
  const [ref] = refsOf(product('p1', 1));
  const ids = {
    '1a2b3c4d-0000-4000-8000-000000000001': ref!.externalProductId,
    '00000000-0000-0000-0000-000000000000': ref!.externalVariantId,
    '{productId}': ref!.externalProductId,
  };
  await sendDocumented(v1, 'v1-query-inventory', ids);
  await sendDocumented(v1, 'v1-update-inventory-variants', ids);
  expect(v1.stock(ref!)).toEqual({ kind: 'quantity', quantity: 7 });
});

it('v3-query-inventory-items and v3-bulk-update-inventory-items (on a V3 site)', async () => {
  const [ref] = refsOf(product('p1', 1));
  const item = [...v3.state.v3.values()][0]!;
  const ids = {
    'f27ee649-ba6b-493d-b758-75816208cf2e': ref!.externalVariantId,
    'fb913045-b421-4d09-804f-352fbe784465': item.id,
    '"revision":"1"': `"revision":"${item.revision}"`,
  };
  const q = await sendDocumented(v3, 'v3-query-inventory-items', ids);
  expect(typeof q.body.inventoryItems[0].revision).toBe('string');
  await sendDocumented(v3, 'v3-bulk-update-inventory-items', ids);
  expect(v3.stock(ref!)).toEqual({ kind: 'quantity', quantity: 7 });
});

it('error-428: a V1 call on a V3 site answers the documented status in the Wix error envelope', async () => {
  await sendDocumented(v3, 'error-428-failed-precondition');
});
