/**
 * The simulator held to Square's documents: each documented request (test/evidence, from the official
 * OpenAPI document's examples) is sent to it, and its answer must have the documented status and shape
 * (expectSameShape) AND validate against the official response schema (openApiResponseValidator).
 */
import { join } from 'node:path';
import { useSimulator } from '@stock-sync/plugin-testkit/contract';
import { evidence, expectDocumentedAnswer, expectSameShape } from '@stock-sync/plugin-testkit/evidence';
import { openApiResponseValidator } from '@stock-sync/plugin-testkit/openapi';
import type { Evidence } from '@stock-sync/plugin-testkit/evidence';
import { SIM_LOCATION_ID } from '../src/simulator';
import { loadSquareSpec } from '../src/simulator/spec-validators';
import { call, startSquareSimulator, type SquareSim } from './support/store';

const DIR = join(__dirname, 'evidence');
const doc = (name: string): Evidence => evidence(DIR, name);
const spec = loadSquareSpec();

/** The documented ids, seeded into the simulator so the documented requests address real objects. */
const ITEM = 'W62UWFY35CWMYGVWK6TWJDNI';
const ITEM2 = 'AA27W3M2GGTF3H6AVPNB77CK';

const sim = useSimulator(async (): Promise<SquareSim> => {
  const sim = await startSquareSimulator();
  sim.seed([
    { productId: ITEM, variants: [{ variantId: '2TZFAOHWGG7PAK2QEXWYPZSP', initial: { kind: 'quantity', quantity: 79 } }] },
    { productId: ITEM2, variants: [{ variantId: 'LBTYIHNHU52WOIHWT7SNRIYH', initial: { kind: 'unlimited' } }] },
  ]);
  return sim;
});

function holds(res: { status: number; body: unknown }, e: Evidence, method: string, path: string, ignore: string[] = []) {
  expectDocumentedAnswer(res, e, { ignore });
  expect(openApiResponseValidator(spec, method, path, res.status)(res.body)).toEqual({ ok: true });
}

it('RetrieveLocation (retrieve-location)', async () => {
  const res = await call(sim, 'GET', `/v2/locations/${SIM_LOCATION_ID}`);
  holds(res, doc('retrieve-location'), 'GET', '/v2/locations/{location_id}');
});

it('BatchRetrieveCatalogObjects: the documented request for two ITEMs with related objects (catalog-batch-retrieve)', async () => {
  const e = doc('catalog-batch-retrieve');
  const res = await call(sim, 'POST', e.request!.path, e.request!.body);
  holds(res, e, 'POST', '/v2/catalog/batch-retrieve');
});

it('BatchRetrieveCatalogObjects by variation id, as the plugin asks: each object is a documented CatalogObject', async () => {
  const e = doc('catalog-batch-retrieve');
  const res = await call(sim, 'POST', e.request!.path, { object_ids: ['2TZFAOHWGG7PAK2QEXWYPZSP'], include_related_objects: false });
  const documentedVariation = (e.response!.body as { objects: Array<{ item_data: { variations: unknown[] } }> }).objects[0].item_data
    .variations[0];
  expectSameShape(res.body, { objects: [documentedVariation] }, `${e.name} (variation)`);
  expect(openApiResponseValidator(spec, 'POST', '/v2/catalog/batch-retrieve', 200)(res.body)).toEqual({ ok: true });
});

it('BatchUpsertCatalogObjects: an update of a read variation answers the documented shape (catalog-batch-upsert)', async () => {
  const e = doc('catalog-batch-upsert');
  const [variation] = (await call(sim, 'POST', '/v2/catalog/batch-retrieve', { object_ids: ['LBTYIHNHU52WOIHWT7SNRIYH'] })).body.objects;
  variation.item_variation_data.track_inventory = true;
  const res = await call(sim, 'POST', e.request!.path, { idempotency_key: 'evidence-upsert-1', batches: [{ objects: [variation] }] });
  // id_mappings pair the request's temporary '#' ids with new ids: an update of existing objects has none.
  holds(res, e, 'POST', '/v2/catalog/batch-upsert', ['$.id_mappings']);
});

it('BatchChangeInventory: the documented request answers the documented counts (inventory-batch-change)', async () => {
  const e = doc('inventory-batch-change');
  const body = structuredClone(e.request!.body) as { changes: Array<{ physical_count: Record<string, string> }> };
  // The documented ids, at the sandbox's location, and a current time (Square refuses counts older than 24 h).
  for (const c of body.changes)
    Object.assign(c.physical_count, {
      catalog_object_id: '2TZFAOHWGG7PAK2QEXWYPZSP',
      location_id: SIM_LOCATION_ID,
      occurred_at: new Date().toISOString(),
    });
  const res = await call(sim, 'POST', e.request!.path, body);
  holds(res, e, 'POST', '/v2/inventory/changes/batch-create');
});

it('BatchRetrieveInventoryCounts: the documented request answers the documented counts (inventory-counts-batch-retrieve)', async () => {
  const e = doc('inventory-counts-batch-retrieve');
  const body = { ...(e.request!.body as object), catalog_object_ids: ['2TZFAOHWGG7PAK2QEXWYPZSP'], location_ids: [SIM_LOCATION_ID] };
  const res = await call(sim, 'POST', e.request!.path, body);
  holds(res, e, 'POST', '/v2/inventory/counts/batch-retrieve');
  expect(res.body.counts[0]).toMatchObject({ state: 'IN_STOCK', quantity: '79' });
});

it('an unknown location answers the documented error object (error-not-found)', async () => {
  const e = doc('error-not-found');
  const res = await call(sim, 'GET', '/v2/locations/NOSUCHLOCATION');
  expect(res.status).toBe(404);
  expectSameShape(res.body, e.response!.body, e.name);
  expect(res.body.errors[0].code).toBe('NOT_FOUND');
});

it('no token answers the documented 401 (error-unauthorized)', async () => {
  const e = doc('error-unauthorized');
  const res = await call(sim, 'GET', `/v2/locations/${SIM_LOCATION_ID}`, undefined, null);
  expect(res.status).toBe(401);
  expectSameShape(res.body, e.response!.body, e.name);
  expect(res.body.errors[0]).toMatchObject({ category: 'AUTHENTICATION_ERROR', code: 'UNAUTHORIZED' });
});

it('a throttled call answers the documented 429 RATE_LIMITED (error-rate-limited)', async () => {
  const e = doc('error-rate-limited');
  sim.faults.rateLimit(1, 2);
  const res = await call(sim, 'GET', `/v2/locations/${SIM_LOCATION_ID}`);
  expect(res.status).toBe(429);
  expectSameShape(res.body, e.response!.body, e.name);
  expect(res.body.errors[0]).toMatchObject({ category: 'RATE_LIMIT_ERROR', code: 'RATE_LIMITED' });
});
