/**
 * The plugin's own parsing over Square's documented answers (test/evidence: the official OpenAPI document's
 * examples and the error pages), replayed by a bare loopback server through the real SDK client — no
 * simulator. The requests the plugin makes are checked against the official request schemas too.
 */
import { join } from 'node:path';
import { AuthError, NotFound, RateLimited, Rejected } from '@stock-sync/plugin-api';
import { evidenceIn, expectEvidenceFor, useReplayConnection } from '@stock-sync/plugin-testkit/evidence';
import { openApiBodyValidator } from '@stock-sync/plugin-testkit/openapi';
import type { EvidenceResponse } from '@stock-sync/plugin-testkit/evidence';
import { plugin } from '../src';
import { loadSquareSpec } from '../src/simulator/spec-validators';

const { response, dir } = evidenceIn(join(__dirname, 'evidence'));
const spec = loadSquareSpec();
const LOCATION = '59TNP9SA8VGDA'; // the location of the documented counts

/** The documented ITEM_VARIATION object nested in the catalog batch-retrieve example. */
function documentedVariation(): Record<string, any> {
  const body = response('catalog-batch-retrieve').body as {
    objects: Array<{ item_data: { variations: Array<Record<string, any>> } }>;
  };
  return structuredClone(body.objects[0].item_data.variations[0]);
}
/** The documented counts answer, and the documented variation, tracked, under the id those counts name. */
function countedVariation() {
  const counts = response('inventory-counts-batch-retrieve');
  const id = (counts.body as { counts: Array<{ catalog_object_id: string }> }).counts[0].catalog_object_id;
  const v: Record<string, any> = {
    ...documentedVariation(),
    id,
    item_variation_data: { ...documentedVariation().item_variation_data, track_inventory: true },
  };
  return { counts, id, v };
}
/** The catalog answer for a lookup by variation id: the documented CatalogObject shape, one variation. */
const catalogAnswer = (variation: Record<string, unknown>): EvidenceResponse => ({ status: 200, body: { objects: [variation] } });

const replay = useReplayConnection(plugin, { accessToken: 'EAAAfake_evidence_token', locationId: LOCATION });
const { connectTo } = replay;

const sent = (i: number) => JSON.parse(replay.requests[i].body);

it('every evidence file names a public source and a date', () => {
  expectEvidenceFor(
    dir,
    [
      'catalog-batch-retrieve',
      'catalog-batch-upsert',
      'error-not-found',
      'error-rate-limited',
      'error-unauthorized',
      'inventory-batch-change',
      'inventory-counts-batch-retrieve',
      'notice-delivery-app-subscription',
      'notice-delivery-inventory-count-updated',
      'notice-signature-sdk-vector',
      'oauth-authorize',
      'oauth-authorize-denied',
      'oauth-obtain-token-code',
      'oauth-obtain-token-refresh',
      'oauth-refresh-refused',
      'retrieve-location',
      'webhook-subscription-create',
      'webhook-subscription-delete',
      'webhook-subscription-retrieve',
      'webhook-subscription-update',
      'webhook-subscriptions-list',
    ],
    { exactly: true },
  );
});

it('verify accepts the documented RetrieveLocation answer and sends the documented headers (retrieve-location)', async () => {
  const c = await connectTo([response('retrieve-location')]);
  await expect(c.verify()).resolves.toBeUndefined();
  const r = replay.requests[0];
  expect(`${r.method} ${r.path}`).toBe(`GET /v2/locations/${LOCATION}`);
  expect(r.headers.authorization).toBe('Bearer EAAAfake_evidence_token');
  expect(r.headers['square-version']).toBe('2025-08-20');
});

it('verify: the documented NOT_FOUND body means the location is not the seller’s → AuthError (error-not-found)', async () => {
  const c = await connectTo([response('error-not-found')]);
  await expect(c.verify()).rejects.toBeInstanceOf(AuthError);
});

it('verify: the documented 401 UNAUTHORIZED → AuthError naming the code (error-unauthorized)', async () => {
  const c = await connectTo([response('error-unauthorized')]);
  await expect(c.verify()).rejects.toThrow(/UNAUTHORIZED/);
});

it('reads the documented variation (no track_inventory) as unlimited without a count call (catalog-batch-retrieve)', async () => {
  const v = documentedVariation();
  const c = await connectTo([catalogAnswer(v)]);
  const [o] = await c.readStock([{ externalProductId: v.item_variation_data.item_id, externalVariantId: v.id }]);
  expect(o).toMatchObject({ status: 'found', stock: { kind: 'unlimited' } });
  expect(replay.requests).toHaveLength(1);
  expect(openApiBodyValidator(spec, 'POST', '/v2/catalog/batch-retrieve')(sent(0))).toEqual({ ok: true });
});

it('reads a tracked variation’s IN_STOCK count from the documented counts answer (inventory-counts-batch-retrieve)', async () => {
  const { counts, id, v } = countedVariation();
  const c = await connectTo([catalogAnswer(v), counts]);
  const [o] = await c.readStock([{ externalProductId: v.item_variation_data.item_id, externalVariantId: id }]);
  expect(o).toMatchObject({ status: 'found', stock: { kind: 'quantity', quantity: 79 } });
  expect(openApiBodyValidator(spec, 'POST', '/v2/inventory/counts/batch-retrieve')(sent(1))).toEqual({ ok: true });
  expect(sent(1)).toMatchObject({ catalog_object_ids: [id], location_ids: [LOCATION], states: ['IN_STOCK'] });
});

it('follows the counts cursor (BatchRetrieveInventoryCountsResponse.cursor: "If unset, this is the final response")', async () => {
  const { counts, id, v } = countedVariation();
  const firstPage: EvidenceResponse = { status: 200, body: { counts: [], errors: [], cursor: 'documented-cursor-1' } };
  const c = await connectTo([catalogAnswer(v), firstPage, counts]);
  const [o] = await c.readStock([{ externalProductId: v.item_variation_data.item_id, externalVariantId: id }]);
  expect(o).toMatchObject({ status: 'found', stock: { kind: 'quantity', quantity: 79 } });
  expect(sent(2).cursor).toBe('documented-cursor-1');
  expect(replay.requests).toHaveLength(3);
});

it('a variation missing from the documented catalog answer is NotFound', async () => {
  const c = await connectTo([catalogAnswer(documentedVariation())]);
  const [o] = await c.readStock([{ externalProductId: 'W62UWFY35CWMYGVWK6TWJDNI', externalVariantId: 'NOSUCHVARIATION1' }]);
  expect(o.status === 'failed' && o.error).toBeInstanceOf(NotFound);
});

it('a quantity on the documented untracked variation: upsert then count, both schema-valid, then written', async () => {
  const v = documentedVariation();
  const c = await connectTo([catalogAnswer(v), response('catalog-batch-upsert'), response('inventory-batch-change')]);
  const [o] = await c.writeStock([
    { externalProductId: v.item_variation_data.item_id, externalVariantId: v.id, target: { kind: 'quantity', quantity: 53 } },
  ]);
  expect(o.status).toBe('written');
  expect(replay.requests.map((r) => r.path)).toEqual([
    '/v2/catalog/batch-retrieve',
    '/v2/catalog/batch-upsert',
    '/v2/inventory/changes/batch-create',
  ]);
  expect(openApiBodyValidator(spec, 'POST', '/v2/catalog/batch-upsert')(sent(1))).toEqual({ ok: true });
  expect(openApiBodyValidator(spec, 'POST', '/v2/inventory/changes/batch-create')(sent(2))).toEqual({ ok: true });
  expect(sent(2).changes[0]).toMatchObject({
    type: 'PHYSICAL_COUNT',
    physical_count: { catalog_object_id: v.id, location_id: LOCATION, state: 'IN_STOCK', quantity: '53' },
  });
});

it('errors inside a 200 batch answer are never recorded as written (handling-errors: bulk endpoints)', async () => {
  const v: Record<string, any> = {
    ...documentedVariation(),
    item_variation_data: { ...documentedVariation().item_variation_data, track_inventory: true },
  };
  const changed = structuredClone(response('inventory-batch-change'));
  (changed.body as { errors: unknown[] }).errors = (response('error-not-found').body as { errors: unknown[] }).errors;
  const c = await connectTo([catalogAnswer(v), changed]);
  const [o] = await c.writeStock([
    { externalProductId: v.item_variation_data.item_id, externalVariantId: v.id, target: { kind: 'quantity', quantity: 3 } },
  ]);
  expect(o.status === 'failed' && o.error).toBeInstanceOf(Rejected);
});

it('the documented 429 RATE_LIMITED (no Retry-After) is RateLimited, never written (error-rate-limited)', async () => {
  const v = documentedVariation();
  const c = await connectTo([response('error-rate-limited')]);
  const [o] = await c.writeStock([
    { externalProductId: v.item_variation_data.item_id, externalVariantId: v.id, target: { kind: 'unlimited' } },
  ]);
  expect(o.status === 'failed' && o.error).toBeInstanceOf(RateLimited);
});
