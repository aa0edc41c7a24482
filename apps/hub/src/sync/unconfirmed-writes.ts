/**
 * Writes whose effect is unknown are verified by a read-back soon after, not at the next scheduled
 * reconciliation (6 h by default).
 *
 * A write is unconfirmed when it may have reached the platform although the hub did not see it succeed:
 * a timeout or a dropped connection after sending (even when a retry of it then succeeded), a 5xx (the platform may have applied it before
 * failing), or a worker killed mid-run. The platform can then apply that older write AFTER a newer one
 * the hub recorded as written, leaving the store wrong while the hub believes it in sync. An early
 * reconciliation reads the store back once such a request can no longer be in flight and applies the
 * store's drift policy.
 */
import type { EntityManager } from 'typeorm';
import type { PluginError } from '@stock-sync/plugin-sdk';
import { queryRows } from '../database/sql';

/**
 * Seconds to wait before verifying: longer than the SDK client's per-attempt timeout (20 s), so a
 * request abandoned by the hub has been answered or dropped by the platform by then.
 */
export const VERIFY_UNCONFIRMED_AFTER_SECONDS = 30;

/** Network failures that happen before a request can have left this machine (the SDK's "not sent" codes). */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** Whether a write that ended with this error may nevertheless have been applied by the platform. */
export function mayHaveBeenApplied(error: Pick<PluginError, 'code' | 'details'>): boolean {
  if (error.code !== 'transient') return false; // 429s, refusals and auth failures were not applied
  const network = error.details?.code;
  return !(typeof network === 'string' && NOT_SENT.has(network));
}

/**
 * Whether a run leaves writes whose effect is unknown: it stopped on one (`stoppedInDoubt`), or its HTTP
 * client sent a write attempt that was never answered — even one whose retry then succeeded, since the
 * abandoned attempt may still land after the run's later writes (the SDK client's `unanswered` counter).
 */
export function leftWritesInDoubt(stoppedInDoubt: boolean, api: Readonly<Record<string, number>> | null): boolean {
  return stoppedInDoubt || (api?.unanswered ?? 0) > 0;
}

/**
 * Sets the stores' next reconciliation to `delaySeconds` from now: a read-back that starts before then may
 * miss the abandoned write, so this time replaces an earlier one (a later read-back covers every earlier
 * reason to read back) as well as a later one. A reconciliation already queued for an earlier time still
 * runs; it keeps this time (scheduleNextReconcile). One statement for any number of stores.
 */
export async function scheduleVerification(
  manager: EntityManager,
  storeIds: readonly string[],
  delaySeconds = VERIFY_UNCONFIRMED_AFTER_SECONDS,
): Promise<void> {
  if (storeIds.length === 0) return;
  await queryRows(
    manager,
    `UPDATE stores s SET next_reconcile_at = now() + make_interval(secs => $2)
     FROM (SELECT id FROM stores WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE) locked
     WHERE s.id = locked.id
     RETURNING s.id`,
    [storeIds, delaySeconds],
  );
}
