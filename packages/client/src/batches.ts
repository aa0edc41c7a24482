/**
 * Uploads larger than one request may carry: the hub takes at most 10 000 items per batch (HTTP-API.md;
 * `maxItems` in the OpenAPI document), so these helpers send them in consecutive requests and add up the
 * answers. Each request is all or nothing, the whole upload is not: when a batch is refused, the ones
 * before it stay applied (`HubBatchError.batchesApplied`), and the refused batch's validation details are
 * renumbered to the index in the whole list (`updates[10003].observedAt`, not `updates[3]…`).
 */
import type { HubClient } from './client';
import { expectOk, HubApiError, HubValidationError } from './errors';
import type { components } from './generated/hub-api';

export const MAX_BATCH = 10_000;

export type FacilityStockUpdate = components['schemas']['FacilityStockUpdateInput'];
export type FacilityStockResult = components['schemas']['FacilityStockResultDto'];
export type CatalogVariant = components['schemas']['CatalogVariantInput'];

export interface BatchOptions {
  /** Items per request, 1 … 10 000 (default 10 000). */
  batchSize?: number;
}

export class HubBatchError extends Error {
  constructor(
    /** Batches the hub accepted before the failing one (each applied in full). */
    readonly batchesApplied: number,
    /** Items of those batches. */
    readonly itemsApplied: number,
    override readonly cause: HubApiError,
  ) {
    super(`batch ${batchesApplied + 1} refused after ${batchesApplied} applied (${itemsApplied} items): ${cause.message}`);
    this.name = 'HubBatchError';
  }
}

/** The list cut into consecutive slices of at most `size`. */
export function chunk<T>(items: readonly T[], size: number = MAX_BATCH): T[][] {
  if (!Number.isInteger(size) || size < 1 || size > MAX_BATCH)
    throw new RangeError(`batchSize must be an integer from 1 to ${MAX_BATCH}, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** POST /v1/facility-stock in batches; the counts of every answer added up. */
export async function postFacilityStock(
  hub: HubClient,
  updates: readonly FacilityStockUpdate[],
  options: BatchOptions = {},
): Promise<FacilityStockResult & { requests: number }> {
  const total = { accepted: 0, stale: 0, unrecognisedStatus: 0, affectedSyncVariants: 0, requests: 0 };
  await inBatches('updates', updates, options, async (batch) => {
    const r = await expectOk(hub.POST('/v1/facility-stock', { body: { updates: batch } }));
    total.accepted += r.accepted;
    total.stale += r.stale;
    total.unrecognisedStatus += r.unrecognisedStatus;
    total.affectedSyncVariants += r.affectedSyncVariants;
    total.requests++;
  });
  return total;
}

/** PUT /v1/catalog/variants in batches; the upserted counts added up. */
export async function putCatalogVariants(
  hub: HubClient,
  variants: readonly CatalogVariant[],
  options: BatchOptions = {},
): Promise<{ upserted: number; requests: number }> {
  const total = { upserted: 0, requests: 0 };
  await inBatches('variants', variants, options, async (batch) => {
    total.upserted += (await expectOk(hub.PUT('/v1/catalog/variants', { body: { variants: batch } }))).upserted;
    total.requests++;
  });
  return total;
}

async function inBatches<T>(field: string, items: readonly T[], options: BatchOptions, send: (batch: T[]) => Promise<void>): Promise<void> {
  const batches = chunk(items, options.batchSize ?? MAX_BATCH);
  let applied = 0;
  for (const [i, batch] of batches.entries()) {
    try {
      await send(batch);
    } catch (e) {
      if (!(e instanceof HubApiError)) throw e;
      throw new HubBatchError(i, applied, renumbered(e, field, applied));
    }
    applied += batch.length;
  }
}

/** `updates[3].x` of a batch starting at item `offset` → `updates[offset + 3].x`. */
function renumbered(error: HubApiError, field: string, offset: number): HubApiError {
  if (!(error instanceof HubValidationError) || offset === 0) return error;
  const prefix = new RegExp(`^${field}\\[(\\d+)\\]`);
  const details = error.details.map((d) => ({ ...d, path: d.path.replace(prefix, (_m, n: string) => `${field}[${offset + Number(n)}]`) }));
  return new HubValidationError(
    { ...(error.body as object), error: 'validation_failed', details, totalDetails: error.totalDetails },
    error.method,
    error.url,
  );
}
