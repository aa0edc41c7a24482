/**
 * What a run does with each loaded synced variant: pure functions over one chunk (no database, no
 * platform), so every rule is unit-tested on its own.
 *
 *  desired = domain computeDesiredStock over the region's facilities (lastKnown = the last decision,
 *            else the last write), then domain diffStock against what the platform shows:
 *            the last write, or — when reconciliation found drift and the store re-asserts — the state
 *            read back from the platform.
 */
import {
  computeDesiredStock,
  diffStock,
  sameTargetStock,
  type FacilityStockObservation,
  type FulfillmentModel,
  type TargetStock,
} from '@stock-sync/domain';
import type { VariantRef } from '@stock-sync/plugin-sdk';

/** One synced variant as the chunk query loads it. */
export interface LoadedVariant extends VariantRef {
  id: string;
  fulfillment: FulfillmentModel;
  /** The latest observation of each facility of the store's selling region. */
  observations: FacilityStockObservation[];
  desired: TargetStock | null;
  lastWritten: TargetStock | null;
  /** What the plugin kept with that write (plugin API 1.7 `keep`), if anything. */
  kept?: Readonly<Record<string, string>> | null;
  pending: boolean;
  pendingVersion: number;
  /** Failed attempts since the variant was last marked (drives the retry backoff). */
  attempts: number;
  lastError: StoredVariantError | null;
  notFoundAt: Date | string | null;
  /** When the newest of those observations reached the hub (database clock): the facility-to-store latency starts there. */
  stockUpdatedAt?: Date | null;
}

/** What sync_variants.last_error holds (never a secret: plugin errors are redacted by the HTTP client). */
export interface StoredVariantError {
  code: string;
  message: string;
  /** For `rejected`: the target the platform refused (not retried until the desired state changes). */
  target?: TargetStock;
}

/** Drift found by reading the platform back: it shows `observed`, the hub last wrote `lastWritten`. */
export interface Drift {
  observed: TargetStock;
}

export type VariantPlan =
  | { kind: 'write'; variant: LoadedVariant; desired: TargetStock; from: TargetStock | null }
  | { kind: 'unchanged'; variant: LoadedVariant; desired: TargetStock }
  /** Nothing known about the variant and nothing kept: write nothing (rule 4). */
  | { kind: 'skip'; variant: LoadedVariant; reason: string }
  /** The platform refused this very target before (Rejected), or the variant is gone (NotFound): hold. */
  | { kind: 'hold'; variant: LoadedVariant; desired: TargetStock; reason: 'rejected' | 'not_found' };

export interface PlanOptions {
  regionFacilities: readonly string[];
  /** Variant id → drift found by this run's read-back. */
  drift?: ReadonlyMap<string, Drift>;
  /** 'reassert': write the desired state over drift; 'report': record the drift only. */
  driftPolicy: 'reassert' | 'report';
  /** Retry variants the platform said are gone (manual and reconciliation runs look again). */
  retryNotFound: boolean;
}

export function planVariant(variant: LoadedVariant, options: PlanOptions): VariantPlan {
  const desired = computeDesiredStock({
    fulfillment: variant.fulfillment,
    regionFacilities: options.regionFacilities,
    observations: variant.observations,
    lastKnown: variant.desired ?? variant.lastWritten,
  });
  if (desired.stock === null) return { kind: 'skip', variant, reason: desired.reason };

  const drift = options.drift?.get(variant.id);
  // What the platform shows now, as far as the hub knows.
  const shown = drift && options.driftPolicy === 'reassert' ? drift.observed : variant.lastWritten;
  const diff = diffStock(desired, shown);
  if (diff.action !== 'write') return { kind: 'unchanged', variant, desired: desired.stock };

  if (variant.lastError?.code === 'rejected' && sameTargetStock(variant.lastError.target, desired.stock)) {
    return { kind: 'hold', variant, desired: desired.stock, reason: 'rejected' };
  }
  if (variant.notFoundAt && !options.retryNotFound) {
    return { kind: 'hold', variant, desired: desired.stock, reason: 'not_found' };
  }
  return { kind: 'write', variant, desired: desired.stock, from: diff.from };
}

export function planChunk(variants: readonly LoadedVariant[], options: PlanOptions): VariantPlan[] {
  return variants.map((v) => planVariant(v, options));
}

/** Which loaded variants reconciliation reads back: those the hub has written (drift is relative to that). */
export function variantsToReadBack(variants: readonly LoadedVariant[]): LoadedVariant[] {
  return variants.filter((v) => v.lastWritten !== null);
}
