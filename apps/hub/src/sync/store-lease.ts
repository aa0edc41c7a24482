/**
 * The store lease: one store is synced by one worker at a time, across any number of hub processes on
 * one database. The lease lives on the store row (sync_lease_owner, sync_lease_until) and uses the
 * DATABASE clock only, so hosts with skewed clocks still agree.
 *
 * - acquire: ONE conditional UPDATE succeeds only when nobody holds the lease or it has expired; the row
 *   lock makes two acquirers serialise, so at most one sees the condition true.
 * - the owner token is unique per acquisition (instance id + random), so a worker that lost its lease
 *   (paused past the expiry, then resumed) can never renew or release its successor's lease.
 * - a heartbeat renews it every third of the TTL; a failed renewal marks the lease lost and the worker
 *   stops before its next platform call.
 * - recording a chunk re-checks ownership INSIDE the recording transaction (fenceInTransaction): if the
 *   lease was lost, nothing is recorded and the variants stay pending for the new holder.
 * - after kill -9 nobody releases it: it expires after the TTL and the next worker takes over.
 */
import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '../database/sql';
import { hubEvents } from '../metrics/hub-events';

export class LeaseLost extends Error {
  constructor(storeId: string) {
    super(`the sync lease of store ${storeId} was lost (expired and possibly taken by another worker)`);
    this.name = 'LeaseLost';
  }
}

export interface StoreLease {
  readonly storeId: string;
  readonly token: string;
  /** True once a renewal failed or found another owner. */
  readonly lost: boolean;
  /** Throws LeaseLost when the lease is known lost. */
  assertHeld(): void;
  /** Renews the lease inside `manager`'s transaction, locking the store row until it commits; throws LeaseLost. */
  fenceInTransaction(manager: EntityManager): Promise<void>;
  /** Stops the heartbeat and frees the lease (only if still ours). Idempotent. */
  release(): Promise<void>;
}

export class StoreLeases {
  private readonly log = new Logger('StoreLease');

  constructor(
    private readonly db: DataSource,
    private readonly instanceId: string,
    private readonly ttlSeconds: number,
  ) {}

  /** The lease, or null when another worker holds a live one. */
  async acquire(storeId: string): Promise<StoreLease | null> {
    const token = `${this.instanceId}:${randomUUID()}`;
    const rows = await queryRows<{ id: string }>(
      this.db.manager,
      `UPDATE stores SET sync_lease_owner = $2, sync_lease_until = now() + make_interval(secs => $3)
       WHERE id = $1 AND (sync_lease_owner IS NULL OR sync_lease_until IS NULL OR sync_lease_until < now())
       RETURNING id`,
      [storeId, token, this.ttlSeconds],
    );
    if (rows.length === 0) {
      hubEvents.leaseConflict({ instance: this.instanceId }); // metrics: hub_store_lease_conflicts_total
      return null;
    }
    return this.startLease(storeId, token);
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
    let beating: Promise<void> | undefined;
    const heartbeat = setInterval(
      () => {
        if (beating || released) return;
        beating = renew(db.manager)
          .then((ok) => {
            if (!ok && !lost) {
              lost = true;
              log.warn(`store ${storeId}: lease lost (another worker took it after it expired)`);
            }
          })
          .catch((e: Error) => log.warn(`store ${storeId}: lease renewal failed: ${e.message}`))
          .finally(() => (beating = undefined));
      },
      Math.max(200, Math.floor((ttlSeconds * 1000) / 3)),
    );
    heartbeat.unref();

    return {
      storeId,
      token,
      get lost() {
        return lost;
      },
      assertHeld() {
        if (lost) throw new LeaseLost(storeId);
      },
      async fenceInTransaction(manager: EntityManager) {
        if (lost || !(await renew(manager))) {
          lost = true;
          throw new LeaseLost(storeId);
        }
      },
      async release() {
        if (released) return;
        released = true;
        clearInterval(heartbeat);
        await beating?.catch(() => undefined);
        await queryRows(
          db.manager,
          `UPDATE stores SET sync_lease_owner = NULL, sync_lease_until = NULL WHERE id = $1 AND sync_lease_owner = $2 RETURNING id`,
          [storeId, token],
        );
      },
    };
  }
}
