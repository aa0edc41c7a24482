/**
 * Which failed changes are failures. The hub records every write attempt, and an attempt the platform
 * throttled (429) or that met a transient error leaves its variant pending for a later run: it is a retry
 * in progress, not a lost change. In the sandbox several demo stores of one platform share one simulated
 * shop and so one rate budget, while the hub paces each store on its own, so 429s are routine there.
 * Such an attempt counts as a failure only if nothing settled the variant afterwards.
 */
import type { SyncChange, SyncRun } from './hub-api';

export interface RunChanges {
  run: SyncRun;
  changes: SyncChange[];
}

/** Error codes after which the hub keeps the variant pending and tries again (chunk-outcomes in the hub). */
const RETRIED_CODES = new Set(['rate_limited', 'transient']);

export function isRetriedAttempt(change: SyncChange): boolean {
  if (change.outcome !== 'failed' || !change.error || typeof change.error !== 'object') return false;
  const code = (change.error as { code?: unknown }).code;
  return typeof code === 'string' && RETRIED_CODES.has(code);
}

const variantKey = (c: { externalProductId: string; externalVariantId: string }) => `${c.externalProductId}\u0000${c.externalVariantId}`;

/**
 * Oldest run first: by createdAt, and for runs created in the same millisecond by the API's own order (it lists a
 * store's runs newest first: created_at DESC, id DESC).
 */
function oldestFirst(runs: readonly RunChanges[]): RunChanges[] {
  const created = (r: RunChanges) => (r.run.createdAt ? Date.parse(r.run.createdAt) : Number.NaN);
  return runs
    .map((r, listed) => ({ r, listed }))
    .sort((a, b) => {
      const byTime = created(a.r) - created(b.r);
      return Number.isNaN(byTime) || byTime === 0 ? b.listed - a.listed : byTime;
    })
    .map((x) => x.r);
}

export interface SortedFailures {
  /** Failed for good: refused, gone, or an error the hub does not retry. */
  final: SyncChange[];
  /** Retried attempts that a later run of the same store wrote. */
  writtenLater: SyncChange[];
  /** Retried attempts with no later write: settled only if the variant is no longer pending or failed. */
  open: SyncChange[];
}

/** `runs` as the hub lists them (newest first). */
export function sortFailedChanges(runs: readonly RunChanges[]): SortedFailures {
  const ordered = oldestFirst(runs);
  const result: SortedFailures = { final: [], writtenLater: [], open: [] };
  ordered.forEach(({ changes }, i) => {
    for (const change of changes) {
      if (change.outcome !== 'failed') continue;
      if (!isRetriedAttempt(change)) {
        result.final.push(change);
        continue;
      }
      const key = variantKey(change);
      const later = ordered.slice(i + 1).some((r) => r.changes.some((c) => c.outcome === 'written' && variantKey(c) === key));
      (later ? result.writtenLater : result.open).push(change);
    }
  });
  return result;
}

/** The open retried attempts whose variant the hub still lists as pending or failed. */
export function stillUnsettled(
  open: readonly SyncChange[],
  pendingOrFailed: readonly { externalProductId: string; externalVariantId: string }[],
): SyncChange[] {
  const unsettled = new Set(pendingOrFailed.map(variantKey));
  return open.filter((c) => unsettled.has(variantKey(c)));
}
