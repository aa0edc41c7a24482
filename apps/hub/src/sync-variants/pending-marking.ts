/**
 * Marking synced variants pending (the `mark` transition of variant-lifecycle.ts, where the SQL lives):
 * store settings, sync-variant upserts, catalog re-fulfillment and reference-data changes. A facility-stock
 * POST marks by version instead (variant-lifecycle.ts): it writes no sync_variants row.
 *
 * "Synced" (rule 5): linked to a catalog variant, not ignored, in a store with stock sync enabled.
 * Marking bumps pending_version (the worker clears `pending` only if the version it loaded is still
 * current) and resets the retry schedule: new information deserves a prompt attempt.
 *
 * Lock order (PostgreSQL deadlocks, issue 7): every statement that updates many sync_variants rows first
 * locks them with `SELECT … ORDER BY sv.id FOR UPDATE OF sv` (a MATERIALIZED CTE, sorted before the
 * first lock is taken) and updates only the rows it locked — so every writer (facility stock, store
 * settings, catalog, sync-variant upserts, the worker's recording) takes row locks in id order. A store
 * row, when one is locked, is always locked before its variants.
 */
import type { EntityManager } from 'typeorm';
import type { SyncTrigger } from '../entities';
import { queryRows } from '../database/sql';
import { LOCK_IN_ID_ORDER, MARK_PENDING_SET } from './variant-lifecycle';

export { IS_SYNCED, LOCK_IN_ID_ORDER, MARK_PENDING_SET } from './variant-lifecycle';

/**
 * Marks every synced variant of the selected stores pending, and records on each store why
 * (`pending_trigger`, e.g. 'settings'), in one statement. Returns the number of variants marked.
 */
export async function markStoresPending(
  manager: EntityManager,
  select: { storeIds?: string[]; regionCodes?: string[]; trigger: SyncTrigger },
): Promise<number> {
  const rows = await queryRows<{ marked: number | string }>(
    manager,
    `WITH target AS MATERIALIZED (
       SELECT id FROM stores
       WHERE stock_sync_enabled
         AND (id = ANY($1::uuid[]) OR selling_region = ANY($2::text[]))
       ORDER BY id FOR UPDATE
     ), flagged AS (
       UPDATE stores s SET pending_trigger = $3, updated_at = now()
       FROM target t WHERE s.id = t.id
       RETURNING s.id
     ), locked AS MATERIALIZED (
       SELECT sv.id FROM sync_variants sv
       WHERE sv.store_id IN (SELECT id FROM target) AND sv.catalog_variant_id IS NOT NULL AND NOT sv.ignored
       ${LOCK_IN_ID_ORDER}
     ), marked AS (
       UPDATE sync_variants sv SET ${MARK_PENDING_SET}
       FROM locked l
       WHERE sv.id = l.id
       RETURNING sv.id
     )
     SELECT (SELECT count(*) FROM marked) AS marked, (SELECT count(*) FROM flagged) AS stores`,
    [select.storeIds ?? [], select.regionCodes ?? [], select.trigger],
  );
  return Number(rows[0]?.marked ?? 0);
}
