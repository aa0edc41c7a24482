/**
 * One sync run, under the store's lease: queued → running → succeeded | partial | failed.
 *
 * Per chunk of synced variants (pending ones; every synced one for manual and reconciliation runs; the ones
 * platform notices marked for `notice` runs):
 *   load (1 query) → [reconciliation and notice runs: readStock, drift] → plan (domain rule + diff) → writeStock (the
 *   plugin batches; the store's HTTP client carries its rate budget and the only retry layer) →
 *   record (1 statement + the lease fence, in one transaction).
 * No transaction is open while the platform is called. A crash anywhere leaves each change either
 * written and recorded, or still pending (written again after restart; writing the same state twice is
 * harmless) — `pending` is cleared only in the transaction that records the write.
 */
import { Logger } from '@nestjs/common';
import {
  isPluginError,
  keepProblem,
  sameTargetStock,
  Transient,
  type ObservedStock,
  type PluginError,
  type StockWrite,
  type StoreConnection,
  type VariantRef,
  type WriteOutcome,
} from '@stock-sync/plugin-sdk';
import type { DataSource } from 'typeorm';
import { queryOne } from '../database/sql';
import type { DriftPolicy, StoreStatus, SyncRunCounts, SyncRunStatus, SyncTrigger } from '../entities';
import { hubEvents } from '../metrics/hub-events';
import { ConnectionFactory, IntegrationUnavailable, type OpenedConnection } from '../plugins/connection-factory.service';
import { chunkLimitFor } from './chunk-limit';
import { saveRefreshedCredentials } from './refreshed-credentials';
import { withCredentialRefresh, type RefreshConnection } from './refreshing-connection';
import { nextAttemptDelayMs } from './backoff';
import { addCounts, chunkRecords, emptyCounts, mergeRecords, readBackResults, type ChunkRecords } from './chunk-outcomes';
import { writtenLatencies } from './facility-to-store';
import { finalRunStatus, statesLeadingTo, transitionRun, type RunError } from './run-transitions';
import { LeaseLost, type StoreLease } from './store-lease';
import type { SyncConfig } from './sync-config';
import {
  catchUpStore,
  clearReadBackMarks,
  dropEchoedMarks,
  clearUnsyncedPending,
  deferPending,
  loadChunk,
  recordChunkUnderLease,
  scheduleNextReconcile,
  type RegionView,
} from './sync-records';
import { planChunk, variantsToReadBack, type Drift, type LoadedVariant, type VariantPlan } from './variant-plan';
import { leftWritesInDoubt, mayHaveBeenApplied, scheduleVerification } from './unconfirmed-writes';

export interface RunToExecute {
  id: string;
  store_id: string;
  trigger: SyncTrigger;
  dry_run: boolean;
  full: boolean;
}

interface StoreForRun {
  id: string;
  platform: string;
  selling_region: string;
  status: StoreStatus;
  stock_sync_enabled: boolean;
  drift_policy: DriftPolicy;
  credentials: Uint8Array;
  stock_seen_seq: string;
  /** The region's stock version, read with the store and BEFORE any variant is loaded. */
  region_stock_seq: string;
  region_facilities: string[] | null;
}

export interface RunResult {
  runId: string;
  status: SyncRunStatus;
  counts: SyncRunCounts;
}

/**
 * How a run's work ended, as one typed value (run-outcome.ts decides the run's status from it):
 *  - done: every chunk was handled (per-variant failures are in the counts);
 *  - stopped: RateLimited / Transient — the rest waits for a backoff; `unconfirmedWrite` when a write may
 *    have landed unseen (it is then verified by an early read-back);
 *  - fatal: the run cannot go on (credentials refused, store not syncable, plugin missing, lease lost,
 *    internal error).
 */
export type RunOutcome =
  | { kind: 'done'; counts: SyncRunCounts }
  | { kind: 'stopped'; counts: SyncRunCounts; error: RunError; unconfirmedWrite: boolean }
  | { kind: 'fatal'; counts: SyncRunCounts; error: RunError };

export class SyncRunExecutor {
  private readonly log = new Logger('SyncRun');

  constructor(
    private readonly db: DataSource,
    private readonly connections: ConnectionFactory,
    private readonly config: SyncConfig,
  ) {}

  /** Executes a queued run; undefined when it was no longer queued. Never throws for run-level problems. */
  async execute(run: RunToExecute, lease: StoreLease): Promise<RunResult | undefined> {
    const started = Date.now();
    // ONE statement: the run moves queued → running (as run-transitions allows) and its store is read.
    const start = await queryOne<StoreForRun & { moved: boolean; found: boolean }>(
      this.db.manager,
      `WITH moved AS (
         UPDATE sync_runs SET status = 'running', started_at = now()
         WHERE id = $2 AND status = ANY($3::text[])
         RETURNING id
       )
       SELECT EXISTS (SELECT 1 FROM moved) AS moved, st.id IS NOT NULL AS found, st.*
       FROM (SELECT 1) AS one
       LEFT JOIN LATERAL (
         SELECT s.id, s.platform, s.selling_region, s.status, s.stock_sync_enabled, s.drift_policy, s.credentials,
                s.stock_seen_seq::text AS stock_seen_seq, rg.stock_seq::text AS region_stock_seq,
                ARRAY(SELECT rf.facility_code FROM selling_region_facilities rf WHERE rf.region_code = rg.code ORDER BY rf.facility_code) AS region_facilities
         FROM stores s JOIN selling_regions rg ON rg.code = s.selling_region WHERE s.id = $1
       ) st ON true`,
      [run.store_id, run.id, statesLeadingTo('running')],
    );
    if (!start?.moved) return undefined;

    let outcome: RunOutcome = { kind: 'done', counts: emptyCounts() };
    let opened: OpenedConnection | undefined;
    // Every connection the run used (a second one after a credential refresh): their API calls add up.
    const used: OpenedConnection[] = [];
    let store: StoreForRun | undefined;
    let region: RegionView | undefined;
    // Facility-to-store seconds of each variant a stock-update run wrote (the latency metric), chunk by chunk.
    const latencies: number[] = [];
    try {
      store = start.found ? start : undefined;
      const cannot = this.cannotSync(store);
      if (cannot) outcome = { kind: 'fatal', counts: emptyCounts(), error: cannot };
      if (!cannot && store) {
        try {
          opened = this.connections.open(store);
        } catch (e) {
          if (!(e instanceof IntegrationUnavailable)) throw e;
          outcome = { kind: 'fatal', counts: emptyCounts(), error: { code: 'integration_unavailable', message: e.message } };
        }
      }
      if (outcome.kind === 'done' && store && opened) {
        used.push(opened);
        // Read with the store, before any variant is loaded: every change up to this version is seen by the run.
        region = { facilities: store.region_facilities ?? [], stockSeq: store.region_stock_seq };
        const connection = withCredentialRefresh(opened.connection, this.refresher(store, opened, lease, used));
        const limit = chunkLimitFor(this.config.chunkSize, opened.plugin.manifest.capabilities.maxBatch);
        outcome = await this.syncChunks(run, store, region, connection, lease, limit, latencies);
      }
    } catch (e) {
      const lost = e instanceof LeaseLost;
      outcome = {
        kind: 'fatal',
        counts: outcome.counts,
        error: lost
          ? { code: 'lease_lost', message: (e as Error).message }
          : { code: 'internal_error', message: `the run stopped on an internal error (${(e as Error)?.name ?? 'Error'})` },
      };
      if (!lost) {
        this.log.error(`run ${run.id}: ${(e as Error)?.stack ?? String(e)}`);
        // Do not let the scheduler restart a broken run every tick: the store's due work waits a little.
        if (!run.dry_run) await deferPending(this.db.manager, run.store_id, '0', this.config.backoffBaseMs, region).catch(() => undefined);
      }
    }

    const counts = outcome.counts;
    const fatal = outcome.kind === 'fatal' ? outcome.error : null;
    const stopped = outcome.kind === 'stopped' ? outcome.error : null;
    const unconfirmedWrite = outcome.kind === 'stopped' && outcome.unconfirmedWrite;
    const behind = region && store && BigInt(region.stockSeq) > BigInt(store.stock_seen_seq);
    // A notice run looks only at the variants notices marked: the ones due by version wait for the next run.
    const lookedAtDue = run.trigger !== 'notice';
    if (
      behind &&
      lookedAtDue &&
      store &&
      region &&
      !run.dry_run &&
      !lease.lost &&
      (outcome.kind !== 'fatal' || fatal?.code === 'internal_error')
    ) {
      // Every variant due by version was handled or deferred as marked: the store has caught up with its region.
      await catchUpStore(this.db.manager, store.id, region.stockSeq);
    }
    const status = finalRunStatus(counts, fatal, stopped !== null);
    const error = fatal ?? stopped;
    const api = opened ? sumStats(used.length ? used : [opened]) : null;
    // Scheduled before the run is closed: a hub killed in between leaves the run to the worker_lost path,
    // which schedules the same read-back; the other order could lose it.
    if (run.full && !run.dry_run && store && !lease.lost) {
      // Even a failed reconciliation waits a full interval: retrying at once would hammer the platform;
      // pending work keeps its own, shorter retry schedule.
      await scheduleNextReconcile(this.db.manager, store.id, run.id, this.config.reconcileIntervalSeconds, status !== 'failed');
    }
    if (store && !run.dry_run && leftWritesInDoubt(unconfirmedWrite, api)) {
      // A write that may have landed unseen can land after a newer one: read the store back once it cannot be in flight.
      await scheduleVerification(this.db.manager, [store.id]);
    }
    await transitionRun(this.db.manager, { runId: run.id }, status, { error });
    this.log.log(
      JSON.stringify({
        event: 'sync_run',
        instance: this.config.instanceId,
        runId: run.id,
        storeId: run.store_id,
        platform: store?.platform ?? null,
        trigger: run.trigger,
        dryRun: run.dry_run,
        full: run.full,
        status,
        counts,
        durationMs: Date.now() - started,
        api,
        error: error ? { code: error.code, message: error.message } : undefined,
      }),
    );
    hubEvents.syncRunFinished({
      instance: this.config.instanceId,
      runId: run.id,
      platform: store?.platform ?? null,
      trigger: run.trigger,
      dryRun: run.dry_run,
      status,
      counts,
      api,
      facilityToStoreSeconds: latencies,
    });
    return { runId: run.id, status, counts };
  }

  /**
   * How the run renews the store's credentials after an AuthError, when its plugin can (undefined when
   * not): while the lease is held, ask the plugin (over the store's HTTP client), store the new set
   * encrypted, and open a connection on it. Never logs a credential value.
   */
  private refresher(
    store: StoreForRun,
    opened: OpenedConnection,
    lease: StoreLease,
    used: OpenedConnection[],
  ): RefreshConnection | undefined {
    if (!this.connections.canRefresh(store.platform)) return undefined;
    return async () => {
      lease.assertHeld();
      const fresh = await this.connections.refreshCredentials(store, opened.http);
      if (!(await saveRefreshedCredentials(this.db.manager, store.id, store.credentials, fresh))) {
        throw new Transient("the store's credentials were replaced while they were being renewed; the next run uses the new ones");
      }
      const next = this.connections.open({ id: store.id, platform: store.platform, credentials: fresh.ciphertext });
      used.push(next);
      this.log.log(
        JSON.stringify({ event: 'credentials_renewed', instance: this.config.instanceId, storeId: store.id, platform: store.platform }),
      );
      return next.connection;
    };
  }

  private cannotSync(store: StoreForRun | undefined): RunError | null {
    if (!store) return { code: 'store_not_found', message: 'the store no longer exists' };
    if (store.status !== 'active') {
      return { code: `store_${store.status}`, message: `the store is ${store.status.replace('_', ' ')}; nothing is sent to its platform` };
    }
    if (!store.stock_sync_enabled) return { code: 'stock_sync_disabled', message: 'stock sync is disabled for this store' };
    return null;
  }

  private async syncChunks(
    run: RunToExecute,
    store: StoreForRun,
    region: RegionView,
    connection: StoreConnection,
    lease: StoreLease,
    limit: number,
    latencies: number[],
  ): Promise<RunOutcome> {
    const regionFacilities = region.facilities;
    // A platform notice's run reads back exactly the variants the notices marked, like reconciliation does.
    const notice = run.trigger === 'notice';
    const readsBack = run.full || notice;
    const selection = notice ? 'marked' : run.full || run.trigger === 'manual' ? 'all' : 'pending';
    // Housekeeping on the runs that look at every variant (a row that stopped being synced is unmarked by its upsert already).
    if (!run.dry_run && selection === 'all') await clearUnsyncedPending(this.db.manager, store.id);
    // Notices that outran the record of the hub's own write, and said it shows what the hub has since recorded.
    if (!run.dry_run && notice) await dropEchoedMarks(this.db.manager, run.id, store.id);
    const retryDelay = (attempts: number, retryAfterMs: number) =>
      nextAttemptDelayMs(attempts, retryAfterMs, this.config.backoffBaseMs, this.config.backoffMaxMs);

    let counts = emptyCounts();
    let cursor = '0';
    for (;;) {
      lease.assertHeld();
      const chunk = await loadChunk(this.db.manager, {
        storeId: store.id,
        regionFacilities,
        afterId: cursor,
        selection,
        limit,
      });
      if (chunk.length === 0) break;

      let records: ChunkRecords = { variants: [], changes: [], counts: emptyCounts(), fatal: null, stop: null };
      let toPlan: LoadedVariant[] = chunk;
      let drift: Map<string, Drift> | undefined;
      if (readsBack) {
        const read = variantsToReadBack(chunk);
        if (read.length) {
          lease.assertHeld();
          const observed = await readSafely(connection, read);
          const back = readBackResults(read, observed);
          records = back.records;
          drift = back.drift;
          toPlan = chunk.filter((v) => !back.notFound.has(v.id));
        }
      }
      const readFailed = records.fatal ?? records.stop;
      if (!readFailed) {
        const plans = planChunk(toPlan, {
          regionFacilities,
          drift,
          driftPolicy: store.drift_policy,
          retryNotFound: run.full || run.trigger === 'manual',
        });
        const writes = plans.filter((p): p is Extract<VariantPlan, { kind: 'write' }> => p.kind === 'write');
        let outcomes: WriteOutcome[] = [];
        if (!run.dry_run && writes.length) {
          lease.assertHeld();
          outcomes = keepWithinLimits(await writeSafely(connection, writes.map(toStockWrite)), (message, meta) =>
            this.log.warn(`${message} store ${store.id} (${store.platform}): ${String(meta.reason)}`),
          );
        }
        records = mergeRecords(records, chunkRecords(plans, outcomes, run.dry_run, retryDelay));
      }

      const fatal = records.fatal;
      const stop = records.stop;
      const recordedAt = await recordChunkUnderLease(this.db, lease, {
        storeId: store.id,
        runId: run.id,
        // A dry run changes no sync_variant.
        variants: run.dry_run ? [] : records.variants,
        changes: records.changes,
        counts: records.counts,
        seenSeq: region.stockSeq,
        ...(fatal?.code === 'auth' ? { needsReconnectReason: `the platform rejected the credentials: ${fatal.message}` } : {}),
      });
      counts = addCounts(counts, records.counts);
      if (run.trigger === 'stock_update' && !run.dry_run) latencies.push(...writtenLatencies(records.changes, chunk, recordedAt));
      // A chunk read back (by a notice run or a reconciliation) answers its notices; a failed read keeps the marks.
      if (readsBack && !run.dry_run && !readFailed)
        await clearReadBackMarks(
          this.db.manager,
          run.id,
          chunk.map((v) => v.id),
        );

      if (fatal) {
        return { kind: 'fatal', counts, error: { code: fatal.code, message: fatal.message } };
      }
      if (stop) {
        // A failed read-back leaves this chunk untouched: defer from its start; otherwise from its end.
        const deferFrom = readFailed ? cursor : chunk[chunk.length - 1]!.id;
        const retryAfterMs = stop.code === 'rate_limited' ? ((stop as { retryAfterMs?: number }).retryAfterMs ?? 0) : 0;
        if (!run.dry_run) await deferPending(this.db.manager, store.id, deferFrom, retryDelay(0, retryAfterMs), region);
        return {
          kind: 'stopped',
          counts,
          error: { code: stop.code, message: stop.message },
          unconfirmedWrite: !readFailed && !run.dry_run && mayHaveBeenApplied(stop),
        };
      }
      cursor = chunk[chunk.length - 1]!.id;
      if (chunk.length < limit) break;
    }
    return { kind: 'done', counts };
  }
}

/** The API counters of every connection the run used, added up (each client's stats object may carry more than the contract's three). */
function sumStats(opened: OpenedConnection[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const o of opened) {
    for (const [k, v] of Object.entries(o.http.stats)) if (typeof v === 'number') total[k] = (total[k] ?? 0) + v;
  }
  return total;
}

function toStockWrite(plan: Extract<VariantPlan, { kind: 'write' }>): StockWrite {
  const { variant } = plan;
  return {
    externalProductId: variant.externalProductId,
    externalVariantId: variant.externalVariantId,
    target: plan.desired,
    previous: plan.from,
    // What the plugin kept describes its last write: sent only while the hub's belief is that write (not a drift read).
    ...(variant.kept && sameTargetStock(plan.from, variant.lastWritten) ? { kept: variant.kept } : {}),
  };
}

/** A written outcome's `keep` that breaks the contract's limits is dropped (logged once per chunk): nothing of it is stored. */
export function keepWithinLimits(outcomes: WriteOutcome[], warn: (message: string, meta: Record<string, unknown>) => void): WriteOutcome[] {
  let refused: string | undefined;
  const checked = outcomes.map((o) => {
    if (o.status !== 'written' || o.keep === undefined) return o;
    const problem = keepProblem(o.keep);
    if (!problem) return o;
    refused ??= problem;
    return { externalProductId: o.externalProductId, externalVariantId: o.externalVariantId, status: 'written' as const };
  });
  if (refused) warn('plugin_keep_refused', { reason: refused });
  return checked;
}

function refOf(v: VariantRef): VariantRef {
  return { externalProductId: v.externalProductId, externalVariantId: v.externalVariantId };
}

/**
 * The contract says connection-level errors come back as failed outcomes; a plugin that throws instead,
 * or answers short, is held to it here (one outcome per input, in order). No retry here.
 */
async function writeSafely(connection: StoreConnection, writes: StockWrite[]): Promise<WriteOutcome[]> {
  let outcomes: WriteOutcome[];
  try {
    outcomes = await connection.writeStock(writes);
  } catch (e) {
    const error = asPluginError(e);
    return writes.map((w) => ({ ...refOf(w), status: 'failed', error }));
  }
  return writes.map(
    (w, i) => outcomes[i] ?? { ...refOf(w), status: 'failed', error: new Transient('the plugin returned no outcome for this change') },
  );
}

async function readSafely(connection: StoreConnection, refs: VariantRef[]): Promise<ObservedStock[]> {
  let observed: ObservedStock[];
  const plain = refs.map(refOf);
  try {
    observed = await connection.readStock(plain);
  } catch (e) {
    const error = asPluginError(e);
    return plain.map((r) => ({ ...r, status: 'failed', error }));
  }
  return plain.map(
    (r, i) => observed[i] ?? { ...r, status: 'failed', error: new Transient('the plugin returned no result for this variant') },
  );
}

/** Anything a plugin throws that is not in the taxonomy is treated as transient, without its message (it could hold anything). */
function asPluginError(e: unknown): PluginError {
  return isPluginError(e) ? e : new Transient(`the plugin failed unexpectedly (${(e as Error)?.name ?? typeof e})`);
}
