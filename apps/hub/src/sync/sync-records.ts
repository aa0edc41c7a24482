/**
 * The orchestrator's set-based SQL: a fixed number of statements per chunk whatever its size.
 * - loadChunk: ONE query loads up to `limit` synced variants with their catalog fulfillment and the
 *   latest observations of the region's facilities.
 * - recordChunk: ONE statement records a chunk (sync_variants updates, sync_changes rows, run counts) and
 *   renews the store's lease, recording nothing when the lease is no longer this worker's.
 */
import type { TargetStock } from '@stock-sync/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { queryOne, queryRows, toNumber } from '../database/sql';
import { retryingTransaction, withTransactionRetry } from '../database/transaction-retry';
import type { FencingLease, LeaseFence } from './store-lease';
import { SHOWS_SAME_SQL } from './shows-same-sql';
import { VERIFY_UNCONFIRMED_AFTER_SECONDS } from './unconfirmed-writes';
import type { SyncRunCounts } from '../entities';
import {
  deferSet,
  LOCK_IN_ID_ORDER,
  newerStockIn,
  PENDING_DUE,
  recordedOutcomeSet,
  SYNCED_IN_STORE,
  UNSYNC_SET,
} from '../sync-variants/variant-lifecycle';
import type { ChangeRecord, VariantRecord } from './chunk-outcomes';
import type { LoadedVariant, StoredVariantError } from './variant-plan';

/** 'pending': due variants (marked and due, or due by version); 'all': every synced variant. */
/** 'marked': the variants a platform notice asked to read back (sync_variants.readback_requested_at). */
export type ChunkSelection = 'pending' | 'all' | 'marked';

/** A store's region as a run sees it: its facilities, and its stock_seq read BEFORE any variant is loaded. */
export interface RegionView {
  facilities: string[];
  /** Every change of the region's facilities up to this version is visible to the run's later reads. */
  stockSeq: string;
}

/** The region's facilities and stock version (ONE query). */
export async function loadRegionView(manager: EntityManager, regionCode: string): Promise<RegionView> {
  const row = await queryOne<{ facilities: string[] | null; stock_seq: string }>(
    manager,
    `SELECT r.stock_seq::text AS stock_seq,
            ARRAY(SELECT rf.facility_code FROM selling_region_facilities rf WHERE rf.region_code = r.code ORDER BY rf.facility_code) AS facilities
     FROM selling_regions r WHERE r.code = $1`,
    [regionCode],
  );
  return { facilities: row?.facilities ?? [], stockSeq: row?.stock_seq ?? '0' };
}

interface ChunkRow {
  id: string;
  external_product_id: string;
  external_variant_id: string;
  fulfillment: 'pod' | 'warehouse';
  observations: { facility: string; status: string | null; quantity: number | null }[] | null;
  desired: TargetStock | null;
  last_written: TargetStock | null;
  platform_kept: Record<string, string> | null;
  pending: boolean;
  pending_version: number;
  attempts: number;
  last_error: StoredVariantError | null;
  not_found_at: Date | string | null;
  stock_updated_at: Date | string | null;
}

export async function loadChunk(
  manager: EntityManager,
  q: { storeId: string; regionFacilities: readonly string[]; afterId: string; selection: ChunkSelection; limit: number },
): Promise<LoadedVariant[]> {
  const rows = await queryRows<ChunkRow>(
    manager,
    `SELECT sv.id::text AS id, sv.external_product_id, sv.external_variant_id, cv.fulfillment,
            obs.list AS observations, sv.desired, sv.last_written, sv.platform_kept, sv.pending, sv.pending_version,
            sv.attempts, sv.last_error, sv.not_found_at, obs.updated_at AS stock_updated_at
     FROM sync_variants sv
     JOIN catalog_variants cv ON cv.id = sv.catalog_variant_id
     LEFT JOIN LATERAL (
       SELECT jsonb_agg(jsonb_build_object('facility', fs.facility_code, 'status', fs.status, 'quantity', fs.quantity)) AS list,
              max(fs.updated_at) AS updated_at
       FROM facility_stock fs
       WHERE fs.variant_id = sv.catalog_variant_id AND fs.facility_code = ANY($2::text[])
     ) obs ON true
     WHERE sv.store_id = $1 AND sv.id > $3::bigint AND ${SYNCED_IN_STORE}
       AND ($4 = 'all'
            OR $4 = 'marked' AND sv.readback_requested_at IS NOT NULL
            OR $4 = 'pending' AND ((${PENDING_DUE}) OR ${newerStockIn('$2::text[]')}))
     ORDER BY sv.id
     LIMIT $5`,
    [q.storeId, q.regionFacilities, q.afterId, q.selection, q.limit],
  );
  return rows.map((r) => ({
    id: r.id,
    externalProductId: r.external_product_id,
    externalVariantId: r.external_variant_id,
    fulfillment: r.fulfillment,
    observations: r.observations ?? [],
    desired: r.desired,
    lastWritten: r.last_written,
    kept: r.platform_kept,
    pending: r.pending,
    pendingVersion: toNumber(r.pending_version),
    attempts: toNumber(r.attempts),
    lastError: r.last_error,
    notFoundAt: r.not_found_at,
    stockUpdatedAt: r.stock_updated_at === null ? null : new Date(r.stock_updated_at),
  }));
}

/**
 * At the start of a `notice` run: drops the marks whose notices all said the variant shows what the hub has since
 * recorded as written (`readback_shown`, plugin API 1.6) — echoes of the hub's own write that arrived before the
 * write's chunk was recorded. Reading those back would cost platform calls to learn what the notices already said.
 * Marks newer than the run's start stay (a notice that came in since is the next run's).
 */
export async function dropEchoedMarks(manager: EntityManager, runId: string, storeId: string): Promise<void> {
  await manager.query(
    `UPDATE sync_variants sv SET readback_requested_at = NULL, readback_shown = NULL
     FROM sync_runs r
     WHERE r.id = $1 AND sv.store_id = $2 AND sv.readback_requested_at IS NOT NULL
       AND sv.readback_requested_at <= r.started_at
       AND ${SHOWS_SAME_SQL('sv.readback_shown', 'sv.last_written')}`,
    [runId, storeId],
  );
}

/**
 * Clears the read-back marks a `notice` run handled: the loaded variants whose mark is not newer than the
 * run's start (a notice that came in since keeps its mark, for the next notice run).
 */
export async function clearReadBackMarks(manager: EntityManager, runId: string, variantIds: readonly string[]): Promise<void> {
  if (variantIds.length === 0) return;
  await manager.query(
    `UPDATE sync_variants sv SET readback_requested_at = NULL, readback_shown = NULL
     FROM sync_runs r
     WHERE r.id = $1 AND sv.id = ANY($2::bigint[]) AND sv.readback_requested_at <= r.started_at`,
    [runId, variantIds],
  );
}

/**
 * Records one chunk. sync_variants rows are updated compare-and-clear: `pending` is cleared only when
 * pending_version still equals the version the run loaded — a facility update that re-marked the
 * variant while the run was writing keeps it pending (and its state 'pending'), so the newer update is
 * never lost. Returns the number of variant rows updated and change rows inserted.
 */
export async function recordChunk(
  manager: EntityManager,
  r: {
    storeId: string;
    runId: string;
    variants: readonly VariantRecord[];
    changes: readonly ChangeRecord[];
    counts: SyncRunCounts;
    /** The region's stock_seq the run read before loading: the changes these outcomes account for. */
    seenSeq?: string;
  },
  /** The store's lease, renewed by the same statement: nothing is recorded unless it is still this owner's. */
  fence?: LeaseFence,
): Promise<{ variants: number; changes: number; fenced: boolean; recordedAt: Date }> {
  const variants = r.variants.map((v) => ({
    id: v.id,
    version: v.version,
    result: v.result,
    state: v.state,
    settles: v.settles,
    desired: v.desired,
    written: v.written,
    kept: v.kept ?? null,
    error_action: v.error === undefined ? 'keep' : v.error === null ? 'clear' : 'set',
    error: v.error ?? null,
    retry_delay_ms: v.retryDelayMs,
  }));
  const changes = r.changes.map((c) => ({
    sync_variant_id: c.syncVariantId,
    external_product_id: c.externalProductId,
    external_variant_id: c.externalVariantId,
    from: c.from,
    to: c.to,
    outcome: c.outcome,
    error: c.error,
  }));
  const row = await queryOne<{ variants: number | string; changes: number | string; fenced: boolean; recorded_at: Date | string }>(
    manager,
    `WITH ${
      fence
        ? // Renews the lease and locks the store row before any variant row (the order every writer keeps).
          `fence AS (
             UPDATE stores SET sync_lease_until = now() + make_interval(secs => $12)
             WHERE id = $1 AND sync_lease_owner = $11 RETURNING id
           ),`
        : `fence AS (SELECT $1::uuid AS id WHERE $11::text IS NULL AND $12::int IS NULL),`
    } o AS (
       SELECT * FROM jsonb_to_recordset($3::jsonb) AS o(
         id bigint, version integer, result text, state text, settles boolean, desired jsonb, written jsonb, kept jsonb,
         error_action text, error jsonb, retry_delay_ms bigint)
     ), locked AS MATERIALIZED (
       SELECT sv.id FROM sync_variants sv
       WHERE sv.store_id = $1 AND sv.id IN (SELECT id FROM o) AND EXISTS (SELECT 1 FROM fence)
       ${LOCK_IN_ID_ORDER}
     ), updated AS (
       UPDATE sync_variants sv SET
         desired = COALESCE(o.desired, sv.desired),
         last_written = COALESCE(o.written, sv.last_written),
         -- Kept with the write it came from: a write that keeps nothing forgets the last one's.
         platform_kept = CASE WHEN o.written IS NOT NULL THEN o.kept ELSE sv.platform_kept END,
         last_written_at = CASE WHEN o.written IS NOT NULL THEN now() ELSE sv.last_written_at END,
         last_error = CASE o.error_action WHEN 'set' THEN o.error WHEN 'clear' THEN NULL ELSE sv.last_error END,
         not_found_at = CASE WHEN o.result = 'not_found' THEN now()
                             WHEN o.result IN ('written', 'unchanged') THEN NULL ELSE sv.not_found_at END,
         ${recordedOutcomeSet('$10::bigint')}
       FROM o JOIN locked l ON l.id = o.id
       WHERE sv.id = o.id AND sv.store_id = $1
       RETURNING sv.id
     ), inserted AS (
       INSERT INTO sync_changes (run_id, sync_variant_id, external_product_id, external_variant_id, "from", "to", outcome, error)
       SELECT $2, c.sync_variant_id, c.external_product_id, c.external_variant_id, c."from", c."to", c.outcome, c.error
       FROM jsonb_to_recordset($4::jsonb) AS c(
         sync_variant_id bigint, external_product_id text, external_variant_id text, "from" jsonb, "to" jsonb, outcome text, error jsonb)
       WHERE EXISTS (SELECT 1 FROM fence)
       RETURNING id
     ), counted AS (
       UPDATE sync_runs SET counts = jsonb_build_object(
         'planned', COALESCE((counts->>'planned')::int, 0) + $5,
         'written', COALESCE((counts->>'written')::int, 0) + $6,
         'unchanged', COALESCE((counts->>'unchanged')::int, 0) + $7,
         'failed', COALESCE((counts->>'failed')::int, 0) + $8,
         'drift', COALESCE((counts->>'drift')::int, 0) + $9)
       WHERE id = $2 AND EXISTS (SELECT 1 FROM fence)
       RETURNING id
     )
     SELECT (SELECT count(*) FROM updated) AS variants, (SELECT count(*) FROM inserted) AS changes, (SELECT count(*) FROM counted) AS runs,
            EXISTS (SELECT 1 FROM fence) AS fenced, now() AS recorded_at`,
    [
      r.storeId,
      r.runId,
      JSON.stringify(variants),
      JSON.stringify(changes),
      r.counts.planned,
      r.counts.written,
      r.counts.unchanged,
      r.counts.failed,
      r.counts.drift,
      r.seenSeq ?? '0',
      fence?.token ?? null,
      fence?.ttlSeconds ?? null,
    ],
  );
  return {
    variants: toNumber(row?.variants),
    changes: toNumber(row?.changes),
    fenced: row?.fenced === true,
    recordedAt: new Date(row?.recorded_at ?? Date.now()),
  };
}

export interface ChunkToRecord {
  storeId: string;
  runId: string;
  variants: readonly VariantRecord[];
  changes: readonly ChangeRecord[];
  counts: SyncRunCounts;
  seenSeq?: string;
  /** Set when the platform rejected the credentials: the store moves to needs_reconnect in the same transaction. */
  needsReconnectReason?: string;
}

/**
 * Records a chunk under the store's lease. Usually ONE statement: the lease renewal (which locks the store
 * row before any variant row, the order every writer keeps) and the record, which writes nothing unless the
 * renewal found this owner. With a status change for the store (credentials refused) it is a transaction:
 * fence, status, record. Either way retried on 40P01/40001 like every write path; a lost lease throws
 * LeaseLost with nothing recorded. Returns when the chunk was recorded (the database's clock).
 */
export async function recordChunkUnderLease(db: DataSource, lease: FencingLease, chunk: ChunkToRecord): Promise<Date> {
  if (chunk.needsReconnectReason !== undefined) {
    const reason = chunk.needsReconnectReason;
    return retryingTransaction(db, async (m) => {
      await lease.fenceInTransaction(m);
      await markNeedsReconnect(m, chunk.storeId, reason);
      return (await recordChunk(m, chunk)).recordedAt;
    });
  }
  const fence = lease.fence();
  const { fenced, recordedAt } = await withTransactionRetry(() => recordChunk(db.manager, chunk, fence));
  if (!fenced) lease.fenceFailed();
  return recordedAt;
}

/** AuthError: the store needs new credentials; no call is made for it until a PATCH sets it active again. */
export async function markNeedsReconnect(manager: EntityManager, storeId: string, reason: string): Promise<void> {
  await queryRows(
    manager,
    `UPDATE stores SET status = 'needs_reconnect', status_reason = $2, updated_at = now()
     WHERE id = $1 AND status = 'active' RETURNING id`,
    [storeId, reason],
  );
}

/**
 * The run stopped on RateLimited / Transient (or an internal error): the store's due variants it did not
 * reach — marked, or due by version — wait too (the `defer` transition: no attempt counted against them),
 * so the next runs do not hammer a struggling platform. Variants due by version become marked here, so the
 * store can catch up with its region's version and still come back for them when their time comes.
 */
export async function deferPending(
  manager: EntityManager,
  storeId: string,
  afterId: string,
  delayMs: number,
  region: RegionView = { facilities: [], stockSeq: '0' },
): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    manager,
    `WITH locked AS MATERIALIZED (
       SELECT sv.id FROM sync_variants sv
       WHERE sv.store_id = $1 AND sv.id > $2::bigint AND ${SYNCED_IN_STORE}
         AND (sv.pending OR ${newerStockIn('$4::text[]')})
       ${LOCK_IN_ID_ORDER}
     )
     UPDATE sync_variants sv SET ${deferSet('$3', '$5::bigint')}
     FROM locked l WHERE sv.id = l.id
     RETURNING sv.id`,
    [storeId, afterId, delayMs, region.facilities, region.stockSeq],
  );
  return rows.length;
}

/**
 * Pending flags on variants that are no longer synced (unlinked or ignored after being marked) are
 * cleared (the `unsync` transition), so they neither wait forever nor make the scheduler wake the store.
 */
export async function clearUnsyncedPending(manager: EntityManager, storeId: string): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    manager,
    `WITH locked AS MATERIALIZED (
       SELECT sv.id FROM sync_variants sv WHERE sv.store_id = $1 AND sv.pending AND (sv.catalog_variant_id IS NULL OR sv.ignored)
       ${LOCK_IN_ID_ORDER}
     )
     UPDATE sync_variants sv SET ${UNSYNC_SET}
     FROM locked l WHERE sv.id = l.id
     RETURNING sv.id`,
    [storeId],
  );
  return rows.length;
}

/**
 * The store has looked at every variant due by version up to `stockSeq` (a run went through all of them,
 * or deferred the rest as marked): it no longer needs waking for those changes.
 */
export async function catchUpStore(manager: EntityManager, storeId: string, stockSeq: string): Promise<void> {
  await queryRows(
    manager,
    `UPDATE stores SET stock_seen_seq = GREATEST(stock_seen_seq, $2::bigint) WHERE id = $1 AND stock_seen_seq < $2::bigint RETURNING id`,
    [storeId, stockSeq],
  );
}

/**
 * After a reconciliation (a full run that wrote or could write): when the next one is due — a full
 * interval from now, unless a verification of an abandoned write was set for a time after the run started
 * (scheduleVerification, by the run before it): this run read back too early to see that write land, so
 * that time stays.
 */
export async function scheduleNextReconcile(
  manager: EntityManager,
  storeId: string,
  runId: string,
  defaultIntervalSeconds: number,
  reconciled: boolean,
): Promise<void> {
  await queryRows(
    manager,
    `UPDATE stores s SET
       next_reconcile_at = CASE
         WHEN s.next_reconcile_at > r.started_at AND s.next_reconcile_at <= r.started_at + make_interval(secs => $5)
           THEN s.next_reconcile_at
         ELSE now() + make_interval(secs => COALESCE(s.reconcile_interval_seconds, $3)) END,
       last_reconciled_at = CASE WHEN $4 THEN now() ELSE s.last_reconciled_at END
     FROM sync_runs r
     WHERE s.id = $1 AND r.id = $2 RETURNING s.id`,
    [storeId, runId, defaultIntervalSeconds, reconciled, VERIFY_UNCONFIRMED_AFTER_SECONDS],
  );
}
