/**
 * The Square routes the simulated seller answers, with Square's status codes and error bodies. Every POST
 * body is validated against the official spec first; batches are applied all or nothing; idempotency keys
 * replay the first answer (and refuse reuse with another body).
 */
import type { BodyCheck, SimRequest, SimResponse, SimRoute } from '@stock-sync/plugin-testkit/simulator';
import type { SquareError } from '../square-api';
import { invalidBody, invalidRequest } from './errors';
import { countJson, itemJson, variationJson } from './representation';
import type {
  BatchChangeBody,
  BatchRetrieveBody,
  BatchUpsertBody,
  CatalogObjectBody,
  CheckedPhysicalCount,
  CountsRetrieveBody,
} from './request-bodies';
import type { SpecValidators } from './spec-validators';
import { countKey, nextVersion, setCount, SIM_LOCATION_ID, type SimOverride, type SquareSimState } from './state';
import { deliverInventoryCounts, webhookRoutes } from './webhooks';

type Route = SimRoute<SquareSimState>;
type Ctx = { state: SquareSimState };
type Json = Record<string, unknown>;

const MAX_CHANGES = 100;
const DAY_MS = 24 * 3600 * 1000;
const QUANTITY = /^\d{1,16}(\.\d{1,5})?$/;

/** Validates against the spec, then applies the idempotency rule around the handler. */
export function post<B>(check: BodyCheck, idempotent: boolean, handler: (body: B, ctx: Ctx) => SimResponse) {
  return (req: SimRequest, ctx: Ctx): SimResponse => {
    if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body))
      return invalidRequest('BAD_REQUEST', 'The request body must be a JSON object.');
    const valid = check(req.body);
    if (!valid.ok) return invalidBody(valid.errors);
    if (!idempotent) return handler(req.body as B, ctx);
    const key = `${req.path}|${String((req.body as Json).idempotency_key)}`;
    const seen = ctx.state.idempotency.get(key);
    if (seen) {
      return seen.body === req.rawBody
        ? { status: seen.status, body: seen.response }
        : invalidRequest(
            'IDEMPOTENCY_KEY_REUSED',
            'The idempotency key can only be retried with the same request data.',
            'idempotency_key',
          );
    }
    const answer = handler(req.body as B, ctx);
    if (answer.status < 500) ctx.state.idempotency.set(key, { body: req.rawBody, status: answer.status, response: answer.body });
    return answer;
  };
}

function batchRetrieve(body: BatchRetrieveBody, { state }: Ctx): SimResponse {
  const objects: unknown[] = [];
  for (const id of body.object_ids) {
    const v = state.variations.get(id);
    if (v) objects.push(variationJson(state, v));
    const item = state.items.get(id);
    if (item) objects.push(itemJson(state, item));
  }
  // Related objects (categories, taxes…) are not modelled: the documented list is there, empty.
  return { status: 200, body: { objects, ...(body.include_related_objects === true ? { related_objects: [] } : {}) } };
}

/** One batch: every object checked before any is applied (all or nothing). */
function upsertBatch(
  state: SquareSimState,
  objects: CatalogObjectBody[],
  batchIndex: number,
): { errors: SquareError[]; apply: () => Json[] } {
  const errors: SquareError[] = [];
  objects.forEach((o, i) => {
    const field = `batches[${batchIndex}].objects[${i}]`;
    const e = (code: string, detail: string, f = field) => errors.push({ category: 'INVALID_REQUEST_ERROR', code, detail, field: f });
    if (o.type !== 'ITEM_VARIATION')
      return e('INVALID_VALUE', `The sandbox models ITEM_VARIATION upserts only, got ${String(o.type)}.`, `${field}.type`);
    if (String(o.id).startsWith('#')) return e('INVALID_VALUE', 'The sandbox does not create catalog objects.', `${field}.id`);
    const v = state.variations.get(o.id);
    if (!v) return e('NOT_FOUND', `Object \`${o.id}\` of type ITEM_VARIATION not found.`, `${field}.id`);
    if (o.version !== undefined && o.version !== v.version) {
      return e('VERSION_MISMATCH', `Object version does not match for object: ${o.id}`, `${field}.version`);
    }
    if (o.is_deleted === true) return e('INVALID_VALUE', '`is_deleted` must not be set to true.', `${field}.is_deleted`);
    const data = o.item_variation_data;
    if (!data || data.item_id !== v.itemId)
      return e('INVALID_VALUE', 'item_variation_data.item_id must name the variation\u2019s item.', `${field}.item_variation_data.item_id`);
    for (const [k, lo] of (data.location_overrides ?? []).entries()) {
      if (!lo.location_id || !state.locations.has(lo.location_id))
        e(
          'INVALID_VALUE',
          `Invalid location_id \`${String(lo.location_id)}\`.`,
          `${field}.item_variation_data.location_overrides[${k}].location_id`,
        );
    }
  });
  const apply = () =>
    objects.map((o) => {
      const v = state.variations.get(o.id)!;
      const {
        item_id: _itemId,
        name,
        sku,
        price_money,
        track_inventory,
        location_overrides,
        ordinal: _ordinal,
        pricing_type: _pt,
        sellable: _s,
        stockable: _st,
        ...extra
      } = o.item_variation_data!; // checked present above: apply runs only when no object had an error
      // Upsert replaces the object: what is not sent is cleared (read-only sold_out stays Square's).
      v.name = typeof name === 'string' ? name : '';
      v.sku = typeof sku === 'string' ? sku : '';
      v.priceCents = typeof price_money?.amount === 'number' ? price_money.amount : 0;
      v.trackInventory = track_inventory === true;
      v.extra = extra;
      const next = new Map<string, SimOverride>();
      for (const lo of location_overrides ?? []) {
        const { location_id, track_inventory: t, sold_out: _so, sold_out_valid_until: _sv, ...rest } = lo;
        const id = location_id!; // every override's location was checked above
        const old = v.overrides.get(id);
        next.set(id, {
          ...(typeof t === 'boolean' ? { trackInventory: t } : {}),
          ...(old?.manualSoldOut ? { manualSoldOut: true, soldOutValidUntil: old.soldOutValidUntil } : {}),
          extra: rest,
        });
      }
      for (const [loc, old] of v.overrides)
        if (old.manualSoldOut && !next.has(loc))
          next.set(loc, { manualSoldOut: true, soldOutValidUntil: old.soldOutValidUntil, extra: {} });
      v.overrides = next;
      v.version = nextVersion(state);
      v.updatedAt = state.clock();
      return variationJson(state, v);
    });
  return { errors, apply };
}

function batchUpsert(body: BatchUpsertBody, { state }: Ctx): SimResponse {
  const batches = body.batches;
  const total = batches.reduce((n, b) => n + b.objects.length, 0);
  if (batches.some((b) => b.objects.length > 1000) || total > 10_000) {
    return invalidRequest('INVALID_VALUE', 'Each batch may contain up to 1,000 objects and a request up to 10,000.', 'batches');
  }
  const objects: Json[] = [];
  const errors: SquareError[] = [];
  // Batches are independent: an error in one does not affect the others.
  batches.forEach((b, i) => {
    const r = upsertBatch(state, b.objects, i);
    if (r.errors.length) errors.push(...r.errors);
    else objects.push(...r.apply());
  });
  if (errors.length) return { status: 400, body: { errors, ...(objects.length ? { objects } : {}) } };
  return { status: 200, body: { objects, id_mappings: [] } };
}

function batchChange(body: BatchChangeBody, { state }: Ctx): SimResponse {
  const changes = body.changes ?? [];
  if (changes.length > MAX_CHANGES)
    return invalidRequest('INVALID_VALUE', `changes must contain at most ${MAX_CHANGES} elements.`, 'changes');
  const errors: SquareError[] = [];
  const e = (code: string, detail: string, field: string) => errors.push({ category: 'INVALID_REQUEST_ERROR', code, detail, field });
  const now = state.clock();
  changes.forEach((c, i) => {
    const f = `changes[${i}]`;
    if (c.type !== 'PHYSICAL_COUNT') return e('INVALID_VALUE', 'The sandbox models PHYSICAL_COUNT changes only.', `${f}.type`);
    const given = c.physical_count;
    if (!given) return e('MISSING_REQUIRED_PARAMETER', 'Field must be set', `${f}.physical_count`);
    for (const k of ['catalog_object_id', 'location_id', 'state', 'quantity', 'occurred_at']) {
      if (given[k] === undefined || given[k] === null || given[k] === '')
        e('MISSING_REQUIRED_PARAMETER', 'Field must be set', `${f}.physical_count.${k}`);
    }
    if (errors.length) return;
    const pc = given as CheckedPhysicalCount;
    if (!state.variations.has(pc.catalog_object_id))
      e('NOT_FOUND', `Catalog object \`${pc.catalog_object_id}\` not found.`, `${f}.physical_count.catalog_object_id`);
    if (state.locations.get(pc.location_id)?.status !== 'ACTIVE')
      e('INVALID_VALUE', `Invalid location_id \`${pc.location_id}\`.`, `${f}.physical_count.location_id`);
    if (pc.state !== 'IN_STOCK') e('INVALID_VALUE', 'The sandbox models IN_STOCK physical counts only.', `${f}.physical_count.state`);
    if (!QUANTITY.test(pc.quantity))
      e(
        'INVALID_VALUE',
        `Invalid quantity \`${pc.quantity}\`: a non-negative decimal string with at most 5 decimals.`,
        `${f}.physical_count.quantity`,
      );
    const at = Date.parse(pc.occurred_at);
    if (!Number.isFinite(at)) e('INVALID_VALUE', 'occurred_at must be an RFC 3339 timestamp.', `${f}.physical_count.occurred_at`);
    else if (at > now + 60_000) e('INVALID_VALUE', 'occurred_at cannot be in the future.', `${f}.physical_count.occurred_at`);
    else if (at < now - DAY_MS) e('INVALID_VALUE', 'occurred_at must be within the last 24 hours.', `${f}.physical_count.occurred_at`);
  });
  if (errors.length) return { status: 400, body: { errors } };
  const touched = new Map<string, { id: string; loc: string }>();
  const changed = new Map<string, { variationId: string; locationId: string }>();
  const echoed = changes.map((c, i) => {
    const pc = c.physical_count as CheckedPhysicalCount; // every change was checked above
    const before = state.counts.get(countKey(pc.catalog_object_id, pc.location_id))?.quantity;
    setCount(state, pc.catalog_object_id, pc.location_id, Number(pc.quantity));
    if (before !== Number(pc.quantity))
      changed.set(countKey(pc.catalog_object_id, pc.location_id), { variationId: pc.catalog_object_id, locationId: pc.location_id });
    touched.set(`${pc.catalog_object_id}|${pc.location_id}`, { id: pc.catalog_object_id, loc: pc.location_id });
    return { type: 'PHYSICAL_COUNT', physical_count: { ...pc, id: `PC${now}${i}`, created_at: new Date(now).toISOString() } };
  });
  // inventory.count.updated fires on API-driven count updates too (Square's inventory webhooks guide).
  deliverInventoryCounts(state, [...changed.values()]);
  return {
    status: 200,
    body: { counts: [...touched.values()].map((t) => countJson(state, state.variations.get(t.id)!, t.loc)), changes: echoed, errors: [] },
  };
}

function countsRetrieve(body: CountsRetrieveBody, { state }: Ctx): SimResponse {
  const ids: string[] | undefined = body.catalog_object_ids ?? undefined;
  const locs: string[] = body.location_ids ?? [...state.locations.keys()];
  const states: string[] | undefined = body.states ?? undefined;
  const limit = body.limit ?? 100;
  const offset = body.cursor ? Number(Buffer.from(String(body.cursor), 'base64url').toString()) : 0;
  if (!Number.isInteger(offset) || offset < 0) return invalidRequest('INVALID_VALUE', 'Invalid cursor.', 'cursor');
  const rows: Record<string, unknown>[] = [];
  if (!states || states.includes('IN_STOCK')) {
    for (const v of state.variations.values()) {
      if (ids && !ids.includes(v.id)) continue;
      for (const loc of locs) if (state.counts.has(`${v.id}|${loc}`)) rows.push(countJson(state, v, loc));
    }
  }
  const page = rows.slice(offset, offset + limit);
  const next = offset + limit < rows.length ? Buffer.from(String(offset + limit)).toString('base64url') : undefined;
  return { status: 200, body: { counts: page, errors: [], ...(next ? { cursor: next } : {}) } };
}

/** A Location with every field of the documented RetrieveLocation example (fixed sandbox values besides id/name/status). */
function locationJson(l: { id: string; name: string; status: string }, merchantId: string) {
  return {
    id: l.id,
    name: l.name,
    address: {
      address_line_1: '1 Sandbox St',
      locality: 'San Francisco',
      administrative_district_level_1: 'CA',
      postal_code: '94114',
      country: 'US',
    },
    timezone: 'America/Los_Angeles',
    capabilities: ['CREDIT_CARD_PROCESSING'],
    status: l.status,
    created_at: '2020-01-01T00:00:00Z',
    merchant_id: merchantId,
    country: 'US',
    language_code: 'en-US',
    currency: 'USD',
    phone_number: '+1 555-010-0000',
    business_name: 'Sandbox Seller',
    type: 'PHYSICAL',
  };
}

export function squareRoutes(v: SpecValidators): Route[] {
  return [
    {
      method: 'GET',
      path: '/v2/locations/:locationId',
      handle: (req, { state }) => {
        // RetrieveLocation: 'Specify the string "main" to return the main location' (SPEC location_id).
        const l = state.locations.get(req.params.locationId === 'main' ? SIM_LOCATION_ID : req.params.locationId);
        return l
          ? { status: 200, body: { location: locationJson(l, state.merchantId) } }
          : invalidRequest('NOT_FOUND', `Location \`${req.params.locationId}\` not found.`, undefined, 404);
      },
    },
    {
      method: 'GET',
      path: '/v2/locations',
      handle: (_req, { state }) => ({
        status: 200,
        body: { locations: [...state.locations.values()].map((l) => locationJson(l, state.merchantId)) },
      }),
    },
    { method: 'POST', path: '/v2/catalog/batch-retrieve', handle: post(v.batchRetrieveCatalogObjects, false, batchRetrieve) },
    { method: 'POST', path: '/v2/catalog/batch-upsert', handle: post(v.batchUpsertCatalogObjects, true, batchUpsert) },
    { method: 'POST', path: '/v2/inventory/changes/batch-create', handle: post(v.batchChangeInventory, true, batchChange) },
    { method: 'POST', path: '/v2/inventory/counts/batch-retrieve', handle: post(v.batchRetrieveInventoryCounts, false, countsRetrieve) },
    ...webhookRoutes(v),
  ];
}
