import { normalizePodStatus } from './pod-status';
import { OUT_OF_STOCK, quantity, TargetStock, UNLIMITED } from './target-stock';

export type FulfillmentModel = 'pod' | 'warehouse';

/** A facility's latest report for one variant: POD reports carry `status`, warehouse reports `quantity`. */
export interface FacilityStockObservation {
  facility: string;
  status?: string | null;
  quantity?: number | null;
}

export interface DesiredStockInput {
  fulfillment: FulfillmentModel;
  /** The facilities of the store's selling region. */
  regionFacilities: readonly string[];
  /** Every facility's latest observation for this variant, in any region. */
  observations: readonly FacilityStockObservation[];
  /** What the hub last decided or wrote for this store variant. */
  lastKnown?: TargetStock | null;
}

export type DesiredStock =
  | { basis: 'computed'; stock: TargetStock }
  /** The information is incomplete: keep the last known state (rule 4). */
  | { basis: 'last_known'; stock: TargetStock; reason: string }
  /** Nothing known and nothing to keep: write nothing. */
  | { basis: 'unknown'; stock: null; reason: string };

/** What a region decides for a variant, before falling back to the last known state. */
type Verdict = { stock: TargetStock } | { undecided: string };

/**
 * Applies rule 4 for one store variant: only the facilities of the store's selling region count.
 * See README.md ("The availability rule") for every edge and why it is decided that way.
 */
export function computeDesiredStock(input: DesiredStockInput): DesiredStock {
  const inRegion = observationsByFacility(input.regionFacilities, input.observations);
  const verdict =
    inRegion.size === 0
      ? { undecided: noInformationReason(input.observations) }
      : input.fulfillment === 'pod'
        ? podVerdict(inRegion)
        : warehouseVerdict(inRegion);

  if ('stock' in verdict) return { basis: 'computed', stock: verdict.stock };
  if (input.lastKnown) return { basis: 'last_known', stock: input.lastKnown, reason: verdict.undecided };
  return { basis: 'unknown', stock: null, reason: `${verdict.undecided}; nothing known before` };
}

/**
 * The region's facilities that have an observation for the variant (= offer it), with all their observations.
 * Rule 9 leaves one observation per facility, but if the caller passes several we must not silently pick one.
 */
function observationsByFacility(
  regionFacilities: readonly string[],
  observations: readonly FacilityStockObservation[],
): Map<string, FacilityStockObservation[]> {
  const region = new Set(regionFacilities);
  const byFacility = new Map<string, FacilityStockObservation[]>();
  for (const o of observations) {
    if (!region.has(o.facility)) continue;
    const list = byFacility.get(o.facility);
    if (list) list.push(o);
    else byFacility.set(o.facility, [o]);
  }
  return byFacility;
}

function noInformationReason(observations: readonly FacilityStockObservation[]): string {
  if (observations.length === 0) return 'no facility has reported this variant';
  const elsewhere = [...new Set(observations.map((o) => o.facility))].sort();
  return `no facility of the selling region offers this variant (reported only by ${elsewhere.join(', ')})`;
}

function podVerdict(inRegion: Map<string, FacilityStockObservation[]>): Verdict {
  const unknown: string[] = [];
  for (const [facility, list] of inRegion) {
    const status = agreed(list.map((o) => normalizePodStatus(o.status)));
    if (status === 'fulfillable') return { stock: UNLIMITED };
    if (status === 'unknown' || status === undefined) unknown.push(facility);
  }
  if (unknown.length === 0) return { stock: OUT_OF_STOCK }; // every facility that offers it: out of stock or discontinued
  return {
    undecided: `status unknown at ${unknown.sort().join(', ')} and no other facility of the region reports the variant fulfillable`,
  };
}

function warehouseVerdict(inRegion: Map<string, FacilityStockObservation[]>): Verdict {
  let sum = 0;
  const unknown: string[] = [];
  for (const [facility, list] of inRegion) {
    const qty = agreed(list.map((o) => validQuantity(o.quantity)));
    if (qty === null || qty === undefined) unknown.push(facility);
    else sum += qty;
  }
  // Unknown facilities add nothing: a quantity is a lower bound, never inflated by guesses.
  if (unknown.length === 0 || sum > 0) return { stock: quantity(sum) };
  // The known facilities hold nothing but an unknown one might: zero would flip to out of stock on no information.
  return { undecided: `quantity unknown at ${unknown.sort().join(', ')} and the other facilities of the region hold none` };
}

/** A whole number ≥ 0, or null when missing or malformed (a malformed report is no information). */
function validQuantity(q: number | null | undefined): number | null {
  return typeof q === 'number' && Number.isSafeInteger(q) && q >= 0 ? q : null;
}

/** The single value all reports agree on; undefined when they disagree (treated as unknown). */
function agreed<T>(values: T[]): T | undefined {
  return values.every((v) => v === values[0]) ? values[0] : undefined;
}
