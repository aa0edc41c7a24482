/**
 * The Inventory API 1.0 routes the simulated site answers: retrieve all (cursor pages of 50),
 * retrieve specific (≤ 50 ids), adjust stock quantities (Idempotency-Key).
 */
import type { SimRequest, SimResponse, SimRoute } from '@stock-sync/plugin-testkit/simulator';
import { applyAdjustment, parseAdjustment } from './adjustment-rules';
import { invalidRequest, sqspError } from './errors';
import type { SimInventoryItem, SquarespaceSimState } from './state';

export const INVENTORY = '/1.0/commerce/inventory';
const PAGE_SIZE = 50;
const IDEMPOTENCY_MEMORY_MS = 48 * 60 * 60 * 1000;

export function itemJson(item: SimInventoryItem): Record<string, unknown> {
  // An unlimited item has no meaningful count: 0 is shown (README, unverified).
  return {
    variantId: item.variantId,
    sku: item.sku,
    descriptor: item.descriptor,
    isUnlimited: item.isUnlimited,
    quantity: item.isUnlimited ? 0 : item.quantity,
  };
}

function cursorOf(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function offsetOf(cursor: string): number | undefined {
  const m = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : undefined;
}

function listInventory(req: SimRequest, state: SquarespaceSimState): SimResponse {
  const cursor = typeof req.query.cursor === 'string' ? req.query.cursor : undefined;
  const offset = cursor === undefined ? 0 : offsetOf(cursor);
  if (offset === undefined) return invalidRequest(state, 'INVALID_ARGUMENT', 'Invalid cursor.');
  const all = [...state.items.values()];
  const page = all.slice(offset, offset + PAGE_SIZE);
  const hasNextPage = offset + PAGE_SIZE < all.length;
  const next = hasNextPage ? cursorOf(offset + PAGE_SIZE) : null;
  return {
    status: 200,
    body: {
      inventory: page.map(itemJson),
      pagination: {
        hasNextPage,
        nextPageCursor: next,
        nextPageUrl: next ? `https://api.squarespace.com${INVENTORY}?cursor=${next}` : null,
      },
    },
  };
}

export const squarespaceRoutes: SimRoute<SquarespaceSimState>[] = [
  {
    method: 'POST',
    path: `${INVENTORY}/adjustments`,
    handle(req, ctx) {
      const state = ctx.state;
      const key = req.headers['idempotency-key'];
      if (!key) return invalidRequest(state, 'MISSING_ARGUMENT', 'The Idempotency-Key header is required.');
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(key))
        return invalidRequest(
          state,
          'INVALID_ARGUMENT',
          'The Idempotency-Key header must be up to 64 alphanumeric characters, dashes or underscores.',
        );
      const now = ctx.now();
      for (const [k, v] of state.idempotency) if (now - v.at > IDEMPOTENCY_MEMORY_MS) state.idempotency.delete(k);
      // "A request sent multiple times will only be executed once (the first time) and will receive the same response."
      const earlier = state.idempotency.get(key);
      if (earlier) return { status: earlier.status, body: earlier.body };
      if (!(req.headers['content-type'] ?? '').includes('application/json'))
        return sqspError(state, 415, 'INVALID_REQUEST_ERROR', null, 'Content-Type must be application/json.');
      const ops = parseAdjustment(state, req.body);
      const answer = Array.isArray(ops) ? applyAdjustment(state, ops) : ops;
      // Only answers that reflect the request's content are remembered; a 5xx would be retried anew.
      if (answer.status < 500) state.idempotency.set(key, { status: answer.status, body: answer.body, at: now });
      return answer;
    },
  },
  {
    method: 'GET',
    path: INVENTORY,
    handle: (req, ctx) => listInventory(req, ctx.state),
  },
  {
    method: 'GET',
    path: `${INVENTORY}/:ids`,
    handle(req, ctx) {
      const ids = req.params.ids
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      // The documented 400s carry "Subtype: null": no ids, or more than 50.
      if (ids.length === 0) return invalidRequest(ctx.state, null, 'At least one variant id is required.');
      if (ids.length > PAGE_SIZE) return invalidRequest(ctx.state, null, `At most ${PAGE_SIZE} variant ids may be requested at once.`);
      // "404 NOT FOUND — One or more requested inventory items were not found": the whole read is refused.
      const found = ids.map((id) => ctx.state.items.get(id));
      if (found.some((x) => x === undefined))
        return sqspError(ctx.state, 404, 'NOT_FOUND', null, 'One or more requested inventory items were not found.');
      return { status: 200, body: { inventory: (found as SimInventoryItem[]).map(itemJson) } };
    },
  },
];
