/**
 * The synced variant's lifecycle in ONE place: what makes a variant due, what each event does to its row,
 * and the SQL that implements it (every service that marks or settles uses these fragments; none pastes
 * its own).
 *
 * A synced variant (rule 5: linked, not ignored, store enabled) is DUE when
 *   - it is marked (`pending`) and its retry time has come (`next_attempt_at`), or
 *   - a facility of its store's region holds a stock change newer than the last one it settled
 *     (`facility_stock.change_seq > sync_variants.seen_seq`: version-based marking, issue 10) — new
 *     information deserves a prompt attempt, whatever the retry time.
 * A facility-stock POST therefore writes no sync_variants row: it stamps the changed facility_stock rows
 * and raises the region's `stock_seq` (a few rows). A store is worth looking at when its region's
 * `stock_seq` is newer than its `stock_seen_seq` and one of its variants is due by version.
 *
 * Every transition that writes sync_variants follows VARIANT_TRANSITIONS (tested as data in
 * test/sync/variant-lifecycle.test.ts); the SQL below is the only implementation.
 */

/** How one event changes a synced variant's row. */
export interface VariantTransition {
  /** `pending` afterwards: set, cleared (only if pending_version is still the loaded one), or kept. */
  pending: 'set' | 'clear_if_unchanged' | 'clear' | 'keep';
  /** pending_version: bumped (compare-and-clear fences a run that loaded the older one) or kept. */
  version: 'bump' | 'keep';
  /** attempts / next_attempt_at: reset, counted (+1, after a backoff), pushed later (no attempt counted), or kept. */
  retry: 'reset' | 'count' | 'push' | 'keep';
  /** seen_seq: raised to the run's region stock_seq (the changes it looked at), or kept. */
  seen: 'raise' | 'keep';
}

export type VariantEvent =
  /** A store's settings, a sync-variant upsert, a catalog re-fulfillment or a region's facilities changed. */
  | 'mark'
  /** A run recorded a final outcome: written, unchanged, skipped, held, not found, rejected. */
  | 'settle'
  /** RateLimited / Transient on this variant's write: tried again after a backoff. */
  | 'retry'
  /** AuthError: the store needs new credentials; the variant waits for them. */
  | 'auth'
  /** The run stopped before reaching this due variant: it waits with the rest of the store. */
  | 'defer'
  /** No longer synced (unlinked or ignored): nothing to do for it. */
  | 'unsync';

export const VARIANT_TRANSITIONS: Readonly<Record<VariantEvent, VariantTransition>> = {
  mark: { pending: 'set', version: 'bump', retry: 'reset', seen: 'keep' },
  settle: { pending: 'clear_if_unchanged', version: 'keep', retry: 'reset', seen: 'raise' },
  retry: { pending: 'set', version: 'keep', retry: 'count', seen: 'raise' },
  auth: { pending: 'set', version: 'keep', retry: 'keep', seen: 'raise' },
  defer: { pending: 'set', version: 'keep', retry: 'push', seen: 'raise' },
  unsync: { pending: 'clear', version: 'keep', retry: 'reset', seen: 'keep' },
};

/** SET clause for an UPDATE of sync_variants aliased `sv`: the `mark` transition. */
export const MARK_PENDING_SET = `
  pending = true,
  pending_since = COALESCE(sv.pending_since, now()),
  pending_version = sv.pending_version + 1,
  state = 'pending',
  attempts = 0,
  next_attempt_at = NULL,
  updated_at = now()`;

/** Ends a `SELECT sv.id FROM sync_variants sv …` so it locks the selected rows in id order (deadlock avoidance). */
export const LOCK_IN_ID_ORDER = `ORDER BY sv.id FOR UPDATE OF sv`;

/** WHERE condition: `sv` is synced within store `s` (joined on sv.store_id = s.id). */
export const IS_SYNCED = `sv.catalog_variant_id IS NOT NULL AND NOT sv.ignored AND s.stock_sync_enabled`;

/** Synced within a store already known to have stock sync enabled. */
export const SYNCED_IN_STORE = `sv.catalog_variant_id IS NOT NULL AND NOT sv.ignored`;

/** Marked, and its retry time has come. */
export const PENDING_DUE = `sv.pending AND (sv.next_attempt_at IS NULL OR sv.next_attempt_at <= now())`;

/**
 * Due by version, given the region's facility codes as a text[] SQL expression (a parameter): a facility
 * of the region holds a change of the variant newer than the last one it settled.
 */
export function newerStockIn(regionFacilities: string): string {
  return `EXISTS (SELECT 1 FROM facility_stock fs
    WHERE fs.variant_id = sv.catalog_variant_id AND fs.facility_code = ANY(${regionFacilities}) AND fs.change_seq > sv.seen_seq)`;
}

/** Due by version, for `sv` in store `s` (the region read through selling_region_facilities). */
export const NEWER_STOCK_IN_STORE_REGION = `EXISTS (SELECT 1 FROM selling_region_facilities rf
    JOIN facility_stock fs ON fs.facility_code = rf.facility_code
    WHERE rf.region_code = s.selling_region AND fs.variant_id = sv.catalog_variant_id AND fs.change_seq > sv.seen_seq)`;

/** A store whose region has stock changes it has not caught up with (`rg` = its selling_regions row). */
export const STORE_BEHIND_REGION = `rg.stock_seq > s.stock_seen_seq`;

/**
 * The `settle`, `retry` and `auth` transitions, for the recording UPDATE (sync_variants `sv`, one input row
 * `o` with: version, settles, result ('retry' | 'auth' | a final result), retry_delay_ms; `$seen` the run's
 * region stock_seq). Compare-and-clear: `pending` is cleared only when pending_version is still the loaded
 * one; a change newer than `$seen` keeps the variant due by version.
 */
export function recordedOutcomeSet(seen: string): string {
  const unchanged = `o.settles AND sv.pending_version = o.version`;
  return `
    pending = CASE WHEN ${unchanged} THEN false WHEN NOT o.settles THEN true ELSE sv.pending END,
    pending_since = CASE WHEN ${unchanged} THEN NULL WHEN NOT o.settles THEN COALESCE(sv.pending_since, now()) ELSE sv.pending_since END,
    state = CASE WHEN sv.pending_version = o.version THEN o.state ELSE sv.state END,
    attempts = CASE WHEN o.result = 'retry' THEN sv.attempts + 1 WHEN ${unchanged} THEN 0 ELSE sv.attempts END,
    next_attempt_at = CASE WHEN o.result = 'retry' THEN now() + o.retry_delay_ms * interval '1 millisecond'
                           WHEN ${unchanged} THEN NULL ELSE sv.next_attempt_at END,
    seen_seq = GREATEST(sv.seen_seq, ${seen}),
    updated_at = now()`;
}

/** The `defer` transition (`$delay` ms as an SQL expression, `$seen` the run's region stock_seq). */
export function deferSet(delayMs: string, seen: string): string {
  return `
    pending = true,
    pending_since = COALESCE(sv.pending_since, now()),
    state = 'pending',
    next_attempt_at = GREATEST(COALESCE(sv.next_attempt_at, now()), now() + ${delayMs} * interval '1 millisecond'),
    seen_seq = GREATEST(sv.seen_seq, ${seen}),
    updated_at = now()`;
}

/** The `unsync` transition. */
export const UNSYNC_SET = `pending = false, pending_since = NULL, state = 'in_sync', attempts = 0, next_attempt_at = NULL, updated_at = now()`;
