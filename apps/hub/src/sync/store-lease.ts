/**
 * The store lease: one store is synced by one worker at a time, across any number of hub processes on
 * one database. The lease lives on the store row (sync_lease_owner, sync_lease_until) and uses the
 * DATABASE clock only, so hosts with skewed clocks still agree.
 *
 * - acquire: ONE conditional UPDATE succeeds only when nobody holds the lease or it has expired; the row
 *   lock makes two acquirers serialise, so at most one sees the condition true.
 * - the owner token is unique per acquisition (instance id + random), so a worker that lost its lease
 *   (paused past the expiry, then resumed) can never renew or release its successor's lease.
 * - a heartbeat renews it every third of the TTL; a renewal that finds another owner marks the lease lost
 *   and the worker stops before its next platform call. ONE heartbeat per process renews every lease it
 *   holds in ONE statement (with hundreds of runs in flight, a statement per lease was a seventh of all the
 *   hub's statements, and each renewal queued behind the runs' own statements for a pool connection).
 * - recording a chunk re-checks ownership INSIDE the recording statement (fence(): the statement renews the
 *   lease and records only if the renewal found this owner; fenceInTransaction where a transaction is
 *   needed): if the lease was lost, nothing is recorded and the variants stay pending for the new holder.
 * - after kill -9 nobody releases it: it expires after the TTL and the next worker takes over.
 */
import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '../database/sql';
import { hubEvents } from '../metrics/hub-events';
import { WORKER_LOST_ERROR } from './expired-lease-runs';
import { VERIFY_UNCONFIRMED_AFTER_SECONDS } from './unconfirmed-writes';

export class LeaseLost extends Error {
  constructor(storeId: string) {
    super(`the sync lease of store ${storeId} was lost (expired and possibly taken by another worker)`);
    this.name = 'LeaseLost';
  }
}

/** What a statement needs to renew a lease it fences on: the owner token and the TTL. */
export interface LeaseFence {
  token: string;
  ttlSeconds: number;
}

/** The part of a lease a recording statement fences on. */
export interface FencingLease {
  fence(): LeaseFence;
  /** The fenced statement found another owner: marks the lease lost and throws LeaseLost. */
  fenceFailed(): never;
  /** Renews the lease inside `manager`'s transaction, locking the store row until it commits; throws LeaseLost. */
  fenceInTransaction(manager: EntityManager): Promise<void>;
}

export interface StoreLease extends FencingLease {
  readonly storeId: string;
  readonly token: string;
  /** True once a renewal failed or found another owner. */
  readonly lost: boolean;
  /** Throws LeaseLost when the lease is known lost. */
  assertHeld(): void;
  /** Stops the heartbeat and frees the lease (only if still ours). Idempotent. */
  release(): Promise<void>;
  /** The lease was freed by a statement of the caller's (nextDueRun): stops the heartbeat, sends nothing. */
  releasedBy(): void;
}

export class StoreLeases {
  private readonly log = new Logger('StoreLease');
  /** The leases this process holds (owner token → what the heartbeat needs), renewed together. */
  private readonly held = new Map<string, { storeId: string; markLost(): void }>();
  private heartbeat: NodeJS.Timeout | undefined;
  private beating: Promise<void> | undefined;

  constructor(
    private readonly db: DataSource,
    private readonly instanceId: string,
    private readonly ttlSeconds: number,
  ) {}

  /** How many leases this process holds now (diagnostics, tests). */
  get heldCount(): number {
    return this.held.size;
  }

  /**
   * The lease, or null when another worker holds a live one. Taking it closes, in the same statement, the
   * store's runs still `running`: they belong to a worker that died (kill -9, a lost lease), since a live
   * worker's run only runs under its live lease. `orphansClosed` says how many. A dead worker's last write may
   * still land after this worker's (a request the platform was slow to answer): like the scheduler's sweep
   * (closeRunsOfExpiredLeases), the same statement schedules the store's read-back (scheduleVerification).
   */
  async acquire(storeId: string): Promise<(StoreLease & { orphansClosed: number }) | null> {
    const token = `${this.instanceId}:${randomUUID()}`;
    const rows = await queryRows<{ orphans: number }>(
      this.db.manager,
      `WITH got AS (
         UPDATE stores SET sync_lease_owner = $2, sync_lease_until = now() + make_interval(secs => $3),
           next_reconcile_at = CASE
             WHEN EXISTS (SELECT 1 FROM sync_runs r WHERE r.store_id = $1 AND r.status = 'running' AND NOT r.dry_run)
               THEN now() + make_interval(secs => $5)
             ELSE next_reconcile_at END
         WHERE id = $1 AND (sync_lease_owner IS NULL OR sync_lease_until IS NULL OR sync_lease_until < now())
         RETURNING id
       ), orphans AS (
         UPDATE sync_runs SET status = 'failed', finished_at = now(), error = $4::jsonb
         WHERE store_id IN (SELECT id FROM got) AND status = 'running'
         RETURNING id
       )
       SELECT (SELECT count(*) FROM orphans)::int AS orphans FROM got`,
      [storeId, token, this.ttlSeconds, JSON.stringify(WORKER_LOST_ERROR), VERIFY_UNCONFIRMED_AFTER_SECONDS],
    );
    if (rows.length === 0) {
      hubEvents.leaseConflict({ instance: this.instanceId }); // metrics: hub_store_lease_conflicts_total
      return null;
    }
    const orphansClosed = Number(rows[0]!.orphans);
    if (orphansClosed) this.log.warn(`store ${storeId}: ${orphansClosed} run(s) of a lost worker marked failed`);
    return Object.assign(this.startLease(storeId, token), { orphansClosed });
  }

  /**
   * Renews every lease this process holds, in ONE statement (store rows locked in id order, like every
   * multi-store writer). A lease whose row now names another owner is lost. A row another transaction has
   * locked right now (a recording fence, a catch-up) is skipped this beat, not waited for: one busy row must
   * not hold back the renewal of every other lease (measured: 408 leases expiring together). A failed
   * statement loses nothing (the next beat tries again, and the recording fence checks ownership anyway).
   */
  async renewAll(): Promise<void> {
    if (this.beating) return this.beating;
    const leases = [...this.held.entries()];
    if (leases.length === 0) return;
    this.beating = (async () => {
      try {
        const rows = await queryRows<{ token: string; mine: boolean }>(
          this.db.manager,
          `WITH lease AS (
             SELECT * FROM unnest($1::uuid[], $2::text[]) AS l(id, owner)
           ), mine AS MATERIALIZED (
             SELECT s.id FROM stores s JOIN lease l ON s.id = l.id AND s.sync_lease_owner = l.owner
             ORDER BY s.id FOR NO KEY UPDATE OF s SKIP LOCKED
           ), renewed AS (
             UPDATE stores s SET sync_lease_until = now() + make_interval(secs => $3)
             FROM mine WHERE s.id = mine.id
             RETURNING s.id
           )
           -- Still ours = renewed now, or (locked by someone else) still naming us as its owner.
           SELECT l.owner AS token, (l.id IN (SELECT id FROM renewed) OR s.sync_lease_owner IS NOT DISTINCT FROM l.owner) AS mine
           FROM lease l LEFT JOIN stores s ON s.id = l.id`,
          [leases.map(([, l]) => l.storeId), leases.map(([token]) => token), this.ttlSeconds],
        );
        const ours = new Set(rows.filter((r) => r.mine).map((r) => r.token));
        for (const [token, lease] of leases) {
          // Released meanwhile: its row was freed on purpose, not lost.
          if (!ours.has(token) && this.held.get(token) === lease) lease.markLost();
        }
      } catch (e) {
        this.log.warn(`renewing ${leases.length} lease(s) failed: ${(e as Error).message}`);
      }
    })().finally(() => (this.beating = undefined));
    return this.beating;
  }

  private track(token: string, entry: { storeId: string; markLost(): void }): void {
    this.held.set(token, entry);
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => void this.renewAll(), Math.max(200, Math.floor((this.ttlSeconds * 1000) / 3)));
    this.heartbeat.unref();
  }

  private untrack(token: string): void {
    this.held.delete(token);
    if (this.held.size > 0 || !this.heartbeat) return;
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  private startLease(storeId: string, token: string): StoreLease {
    const { db, ttlSeconds, log } = this;
    let lost = false;
    let released = false;
    const renew = async (manager: EntityManager): Promise<boolean> => {
      const rows = await queryRows<{ id: string }>(
        manager,
        `UPDATE stores SET sync_lease_until = now() + make_interval(secs => $3)
         WHERE id = $1 AND sync_lease_owner = $2 RETURNING id`,
        [storeId, token, ttlSeconds],
      );
      return rows.length === 1;
    };
    this.track(token, {
      storeId,
      markLost: () => {
        if (lost) return;
        lost = true;
        log.warn(`store ${storeId}: lease lost (another worker took it after it expired)`);
      },
    });

    return {
      storeId,
      token,
      get lost() {
        return lost;
      },
      assertHeld() {
        if (lost) throw new LeaseLost(storeId);
      },
      fence() {
        if (lost) throw new LeaseLost(storeId);
        return { token, ttlSeconds };
      },
      fenceFailed(): never {
        lost = true;
        throw new LeaseLost(storeId);
      },
      async fenceInTransaction(manager: EntityManager) {
        if (lost || !(await renew(manager))) {
          lost = true;
          throw new LeaseLost(storeId);
        }
      },
      releasedBy: () => {
        released = true;
        this.untrack(token);
      },
      release: async () => {
        if (released) return;
        released = true;
        this.untrack(token);
        await queryRows(
          db.manager,
          `UPDATE stores SET sync_lease_owner = NULL, sync_lease_until = NULL WHERE id = $1 AND sync_lease_owner = $2 RETURNING id`,
          [storeId, token],
        );
      },
    };
  }
}
