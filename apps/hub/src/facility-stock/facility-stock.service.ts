/**
 * Facility stock observations: ONE transaction, set-based SQL, a fixed number of statements whatever
 * the batch size (two reference checks, the version, one write statement).
 *
 * Marking is by version (variant-lifecycle.ts): the write stamps the facility_stock rows whose state
 * changed with this change's `stock_change_seq` value and raises the `stock_seq` of the regions holding
 * those facilities — a few rows, however many synced variants the change affects. No sync_variants row is
 * written here; each store's run finds its variants due by comparing versions.
 *
 * Decisions (documented in the README):
 * - newest wins (rule 9): an observation is applied only when strictly newer than the stored one. An
 *   observation with the SAME observed_at as the stored one is not applied and counts as stale — the
 *   first report of an instant stands, so a redelivered older message can never flip the state back.
 * - duplicate (variantId, facility) pairs in one batch: the newest observedAt wins; at equal times the
 *   later entry in the batch wins. The others count as stale.
 * - accepted + stale = the number of updates.
 * - POD rows store `status` only and warehouse rows `quantity` only (the other field, if sent, is ignored).
 * - a POD status the hub does not recognise (rule 4) is stored as `unknown` — the facility then decides
 *   nothing and the store keeps its last known state — and counted in `unrecognisedStatus`. Spelling
 *   variants of a known status ("In Stock", "out-of-stock") are stored in their canonical form.
 * - a 400 names every offending entry at once: format errors (from the validation pipe) and reference
 *   errors (unknown variant or facility, missing status/quantity for the variant's model) of the
 *   entries whose format is valid, merged.
 * - an observation more than 5 minutes in the future is rejected: it would shadow every real update
 *   until that time (newest wins).
 * - affected synced variants: only when the stored state actually changed (status/quantity differ, or
 *   a first observation), only synced variants (linked, not ignored, store enabled) of stores whose
 *   selling region contains the facility. Read from synced_variant_counts (kept by triggers, migration
 *   1765400000000): a few rows per change, however many stores sync the variant.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { queryOne, queryRows, toNumber } from '../database/sql';
import { retryingTransaction } from '../database/transaction-retry';
import { POD_STATUSES, type PodStatus } from '@stock-sync/domain';
import { ValidationFailed, type ValidationDetail } from '../http/api-errors';
import { formatErrorsOf } from '../http/reference-checked';
import { itemIndexesWithErrors } from '../http/validation-details';
import { PendingWorkSignal } from '../pending-work/pending-work.signal';
import { VariantAvailabilityEvents } from '../webhooks/variant-availability-events';
import type { FacilityStockResultDto, FacilityStockUpdateInput } from './facility-stock.dto';

export const FUTURE_TOLERANCE_MS = 5 * 60_000;

@Injectable()
export class FacilityStockService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly signal: PendingWorkSignal,
    private readonly availabilityEvents: VariantAvailabilityEvents,
  ) {}

  async record(updates: readonly FacilityStockUpdateInput[]): Promise<FacilityStockResultDto> {
    const format = formatErrorsOf(updates);
    if (updates.length === 0 && format.total === 0) return { accepted: 0, stale: 0, unrecognisedStatus: 0, affectedSyncVariants: 0 };
    const malformed = itemIndexesWithErrors(format.details, 'updates');
    // Reference checks only on entries whose format is valid (the others' fields may be of any type).
    const checkable = format.total ? updates.filter((_, i) => !malformed.has(i)) : updates;
    const result = await retryingTransaction(this.db, async (m) => {
      const variantIds = [...new Set(checkable.map((u) => u.variantId))];
      const facilityCodes = [...new Set(checkable.map((u) => u.facility))];
      const known = await queryRows<{ id: number; fulfillment: 'pod' | 'warehouse' }>(
        m,
        `SELECT c.id, c.fulfillment FROM catalog_variants c JOIN unnest($1::int[]) AS u(id) ON u.id = c.id`,
        [variantIds],
      );
      const knownFacilities = await queryRows<{ code: string }>(
        m,
        `SELECT f.code FROM facilities f JOIN unnest($1::text[]) AS u(code) ON u.code = f.code`,
        [facilityCodes],
      );
      const fulfillment = new Map(known.map((k) => [k.id, k.fulfillment]));
      const facilities = new Set(knownFacilities.map((f) => f.code));
      const errors = checkUpdates(updates, fulfillment, facilities, Date.now(), malformed);
      if (format.total || errors.length) {
        throw new ValidationFailed(mergeInOrder(format.details, errors), format.total + errors.length);
      }
      const statuses = updates.map((u) => (fulfillment.get(u.variantId) === 'pod' ? canonicalStatus(u.status!) : null));

      // This change's version: taken AFTER locking the regions the batch can touch, so for any one region
      // versions commit in order (a reader that sees a region's stock_seq also sees every older change).
      const version = await queryOne<{ seq: string }>(
        m,
        `SELECT nextval('stock_change_seq')::text AS seq FROM (
           SELECT count(*) FROM (
             SELECT r.code FROM selling_regions r
             WHERE r.code IN (SELECT rf.region_code FROM selling_region_facilities rf WHERE rf.facility_code = ANY($1::text[]))
             ORDER BY r.code FOR NO KEY UPDATE
           ) locked
         ) regions`,
        [facilityCodes],
      );
      // Webhooks' variant.unavailable: availability before this write (regions locked above), compared after it.
      const recordUnavailable = await this.availabilityEvents.beforeWrite(m, variantIds);

      const row = await queryOne<{ accepted: number | string; affected: number | string }>(
        m,
        `WITH input AS (
           SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::int[], $6::timestamptz[])
             AS u(ord, variant_id, facility_code, status, quantity, observed_at)
         ), newest AS (
           SELECT DISTINCT ON (variant_id, facility_code) variant_id, facility_code, status, quantity, observed_at
           FROM input ORDER BY variant_id, facility_code, observed_at DESC, ord DESC
         ), applied AS (
           INSERT INTO facility_stock AS fs (variant_id, facility_code, status, quantity, observed_at, updated_at, change_seq)
           SELECT variant_id, facility_code, status, quantity, observed_at, now(), $7::bigint FROM newest
           ON CONFLICT (variant_id, facility_code) DO UPDATE
             SET status = excluded.status, quantity = excluded.quantity, observed_at = excluded.observed_at, updated_at = now(),
                 change_seq = CASE WHEN (fs.status, fs.quantity) IS DISTINCT FROM (excluded.status, excluded.quantity)
                                   THEN excluded.change_seq ELSE fs.change_seq END
             WHERE excluded.observed_at > fs.observed_at
           RETURNING fs.variant_id, fs.facility_code, fs.change_seq
         ), changed AS (
           -- The upsert stamps this change's version exactly on the rows whose state it changed (or created):
           -- no second look at the previous rows (a join of the batch with itself took 0.8 s at 1 000 updates).
           SELECT a.variant_id, a.facility_code FROM applied a WHERE a.change_seq = $7::bigint
         ), raised AS (
           UPDATE selling_regions r SET stock_seq = GREATEST(r.stock_seq, $7::bigint)
           WHERE r.code IN (SELECT rf.region_code FROM changed c JOIN selling_region_facilities rf ON rf.facility_code = c.facility_code)
           RETURNING r.code
         )
         SELECT (SELECT count(*) FROM applied) AS accepted,
                (SELECT count(*) FROM raised) AS regions,
                -- Each synced variant counts for one (catalog variant, region) pair: the trigger-kept counters of the
                -- pairs this change touched (a few rows), not a count over up to 1 M sync_variants rows.
                (SELECT COALESCE(sum(sc.synced), 0) FROM (
                   SELECT DISTINCT c.variant_id, rf.region_code FROM changed c JOIN selling_region_facilities rf ON rf.facility_code = c.facility_code
                 ) cr
                 JOIN synced_variant_counts sc ON sc.catalog_variant_id = cr.variant_id AND sc.region_code = cr.region_code) AS affected`,
        [
          updates.map((_, i) => i),
          updates.map((u) => u.variantId),
          updates.map((u) => u.facility),
          statuses,
          updates.map((u) => (fulfillment.get(u.variantId) === 'warehouse' ? u.quantity : null)),
          updates.map((u) => new Date(u.observedAt).toISOString()),
          version!.seq,
        ],
      );
      await recordUnavailable(m);
      const accepted = toNumber(row?.accepted);
      return {
        accepted,
        stale: updates.length - accepted,
        unrecognisedStatus: statuses.filter((s) => s === UNKNOWN_STATUS).length,
        affectedSyncVariants: toNumber(row?.affected),
      };
    });
    this.signal.notify({ source: 'facility_stock', trigger: 'stock_update', marked: result.affectedSyncVariants });
    return result;
  }
}

/** What an unrecognised POD status is stored as (the domain reads it as "no information"). */
export const UNKNOWN_STATUS = 'unknown';

/** A known status (tolerating case, spaces and hyphens: "In Stock") in its canonical spelling, else `unknown`. */
export function canonicalStatus(raw: string): PodStatus | typeof UNKNOWN_STATUS {
  const key = raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return (POD_STATUSES as readonly string[]).includes(key) ? (key as PodStatus) : UNKNOWN_STATUS;
}

/** Both lists in the order of their entries' paths (`updates[2]…` before `updates[10]…`), so a client reads them top-down. */
function mergeInOrder(a: readonly ValidationDetail[], b: readonly ValidationDetail[]): ValidationDetail[] {
  const index = (d: ValidationDetail) => {
    const m = /^\w+\[(\d+)\]/.exec(d.path);
    return m ? Number(m[1]) : -1;
  };
  return [...a, ...b]
    .map((d, order) => ({ d, order }))
    .sort((x, y) => index(x.d) - index(y.d) || x.order - y.order)
    .map((x) => x.d);
}

/** Per-entry reference and shape checks (no database access: the sets were loaded set-based). */
export function checkUpdates(
  updates: readonly FacilityStockUpdateInput[],
  fulfillment: ReadonlyMap<number, 'pod' | 'warehouse'>,
  facilities: ReadonlySet<string>,
  now: number,
  skip: ReadonlySet<number> = new Set(),
): ValidationDetail[] {
  const errors: ValidationDetail[] = [];
  updates.forEach((u, i) => {
    if (skip.has(i)) return;
    const at = `updates[${i}]`;
    const model = fulfillment.get(u.variantId);
    if (!model) errors.push({ path: `${at}.variantId`, message: `${at}.variantId: catalog variant ${u.variantId} does not exist` });
    if (!facilities.has(u.facility))
      errors.push({ path: `${at}.facility`, message: `${at}.facility: facility "${u.facility}" does not exist` });
    if (model === 'pod' && u.status === undefined) {
      errors.push({ path: `${at}.status`, message: `${at}.status is required: catalog variant ${u.variantId} is POD` });
    }
    if (model === 'warehouse' && u.quantity === undefined) {
      errors.push({ path: `${at}.quantity`, message: `${at}.quantity is required: catalog variant ${u.variantId} is a warehouse variant` });
    }
    const observed = Date.parse(u.observedAt);
    if (Number.isNaN(observed)) {
      errors.push({ path: `${at}.observedAt`, message: `${at}.observedAt is not a valid date-time` });
    } else if (observed > now + FUTURE_TOLERANCE_MS) {
      errors.push({
        path: `${at}.observedAt`,
        message: `${at}.observedAt is in the future (more than 5 minutes ahead of the hub's clock)`,
      });
    }
  });
  return errors;
}
