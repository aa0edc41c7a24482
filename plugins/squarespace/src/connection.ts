/** One store's connection over the Inventory API (README "Calls used", "Errors"). */
import { randomUUID } from 'node:crypto';
import { authRefusalClassifier, batched, chunk, jsonBodyOf, stopsTheWork, toPluginError } from '@stock-sync/plugin-sdk';
import { NotFound, RateLimited, Rejected } from '@stock-sync/plugin-api';
import type { ConnectContext, HttpResponse, PluginError, StockWrite, StoreConnection, VariantRef } from '@stock-sync/plugin-api';
import type { Planned, WriteAnswer } from '@stock-sync/plugin-sdk';
import { DEFAULT_BASE_URL, MAX_IDS_PER_READ, MAX_OPERATIONS_PER_ADJUSTMENT, RATE_LIMIT_COOLDOWN_MS, USER_AGENT } from './manifest';
import { adjustmentFor, fromInventoryItem, type InventoryItem } from './stock-mapping';

type PlannedItem<T extends VariantRef> = Planned<T, { variantId: string }>;

const gone = (variantId: string) => new NotFound(`Squarespace has no inventory item for variant ${variantId}`, { variantId });

/** The Inventory API knows variants only: the trimmed variant id, or undefined when it cannot go into a URL's comma list. */
export function planIds(ref: VariantRef): { variantId: string } | undefined {
  const variantId = ref.externalVariantId.trim();
  return variantId.length > 0 && variantId.length <= 128 && !/[,/?#\s]/.test(variantId) ? { variantId } : undefined;
}

/** Every Commerce API error is `{ type, subtype, message, details, contextId }` (responses-error-handling). */
export function errorBodyOf(data: unknown): { type: string; subtype: string | null; message: string } | undefined {
  const d = (jsonBodyOf(data) ?? {}) as { type?: unknown; message?: unknown; subtype?: string | null };
  return typeof d.type === 'string' && typeof d.message === 'string'
    ? { type: d.type, subtype: d.subtype ?? null, message: d.message }
    : undefined;
}

/** 401/403 → AuthError with Squarespace's error type; a 429 without Retry-After is the documented one-minute cool-down. */
function classify(res: HttpResponse): { error?: PluginError; pauseMs?: number } | undefined {
  if (res.status === 429 && !res.headers['retry-after']) {
    return {
      error: new RateLimited('Squarespace rate limit reached (one-minute cool-down)', RATE_LIMIT_COOLDOWN_MS, { status: 429 }),
      pauseMs: RATE_LIMIT_COOLDOWN_MS,
    };
  }
  return refusedKey(res);
}

const refusedKey = authRefusalClassifier('Squarespace', (data) => errorBodyOf(data)?.type, { credential: 'API key', reasonKey: 'type' });

export function connectSquarespace(ctx: ConnectContext): StoreConnection {
  // The Commerce API client: the base URL, the Bearer key and the User-Agent Squarespace requires.
  const key = ctx.credentials.apiKey ?? '';
  const api = ctx.http.extend({
    baseURL: `${(ctx.credentials.baseUrl || DEFAULT_BASE_URL).trim().replace(/\/+$/, '')}/1.0/commerce`,
    headers: { Authorization: `Bearer ${key}`, 'User-Agent': USER_AGENT, Accept: 'application/json' },
    classify,
    secrets: key ? [key] : [],
  });

  async function writePart(part: readonly PlannedItem<StockWrite>[]): Promise<WriteAnswer> {
    const refused = await adjust(part);
    if (!refused) return undefined;
    // All-or-nothing and naming no variant: one read finds the gone ones (NotFound); the rest are sent once more.
    const present = new Set<string>();
    for (const ids of chunk(
      part.map((it) => it.variantId),
      MAX_IDS_PER_READ,
    ))
      for (const item of await readIds(ids)) present.add(item.variantId);
    const rest = part.filter((it) => present.has(it.variantId));
    if (rest.length === part.length) return refused;
    const again = rest.length === 0 ? undefined : await adjust(rest);
    return part.map((it) => (present.has(it.variantId) ? again : gone(it.variantId)));
  }

  /**
   * One adjustment with a fresh Idempotency-Key, kept across the client's re-sends of it (executed once). Resolves
   * undefined when applied, or the refusal (4xx other than auth); throws errors that stop the run.
   */
  async function adjust(items: readonly PlannedItem<StockWrite>[]): Promise<PluginError | undefined> {
    try {
      await api.request({
        method: 'POST',
        url: '/inventory/adjustments',
        headers: { 'Idempotency-Key': randomUUID() },
        body: adjustmentFor(items.map((it) => ({ variantId: it.variantId, target: it.input.target }))),
        idempotent: true,
      });
      return undefined;
    } catch (e) {
      const error = toPluginError(e, 'Squarespace');
      if (stopsTheWork(error)) throw error;
      const body = errorBodyOf(error.details?.body);
      return new Rejected(
        `Squarespace refused the stock adjustment (${body?.type ?? error.code}${body?.message ? `: ${body.message}` : ''})`,
        { status: error.details?.status, type: body?.type, subtype: body?.subtype },
      );
    }
  }

  /**
   * GET /inventory/{id,id,…}. A whole read refused with 404 ("one or more requested inventory items were not found")
   * is read again in halves, down to single ids (README "Errors"); an id left out of an answer is absent too.
   */
  async function readIds(ids: string[]): Promise<InventoryItem[]> {
    try {
      const res = await api.request<{ inventory?: InventoryItem[] | null }>({
        method: 'GET',
        url: `/inventory/${ids.map(encodeURIComponent).join(',')}`,
      });
      return Array.isArray(res.data?.inventory) ? res.data.inventory : [];
    } catch (e) {
      const error = toPluginError(e, 'Squarespace');
      if (!(error instanceof NotFound)) throw error;
      if (ids.length === 1) return [];
      const half = Math.ceil(ids.length / 2);
      return [...(await readIds(ids.slice(0, half))), ...(await readIds(ids.slice(half)))];
    }
  }

  async function readPart(part: readonly PlannedItem<VariantRef>[]) {
    const byId = new Map((await readIds(part.map((it) => it.variantId))).map((r) => [r.variantId, r]));
    return part.map((it) => {
      const row = byId.get(it.variantId);
      return row ? fromInventoryItem(row) : gone(it.variantId);
    });
  }

  return batched({
    platform: 'Squarespace',
    id: 'squarespace',
    log: ctx.log,
    key: (ref) => ref.externalVariantId.trim(),
    ids: planIds,
    invalid: { write: 'Not a usable Squarespace variant id', read: 'Not a usable Squarespace variant id' },
    // The first inventory page: proves the key and its Inventory permission in one call.
    verify: async () => {
      await api.request({ method: 'GET', url: '/inventory' });
    },
    // In-place writes are dropped only when that saves whole adjustments; otherwise they re-assert the truth for free.
    write: { maxBatch: MAX_OPERATIONS_PER_ADJUSTMENT, skipInPlace: 'calls', run: writePart },
    read: { maxBatch: MAX_IDS_PER_READ, run: readPart },
  });
}
