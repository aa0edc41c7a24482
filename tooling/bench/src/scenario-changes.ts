/** The facility-stock updates and expected store states of the scale scenarios. */
import { BENCH_FACILITY } from './bench-fleet';
import type { TargetStock } from './plugin-types';
import type { Update } from './scenario-measure';

/** Observation times an hour back, a second apart: each change is newer than the one before it. */
export class ObservationClock {
  private t = Date.now() - 3_600_000;
  next(): string {
    this.t += 1_000;
    return new Date(this.t).toISOString();
  }
}

/** One facility (the bench facility, in every store's region) changing quantity for catalog variants 1..catalog. */
export function facilityChangeUpdates(catalog: number, quantity: number, observedAt: string): Update[] {
  return Array.from({ length: catalog }, (_, i) => ({ variantId: i + 1, facility: BENCH_FACILITY, quantity, observedAt }));
}

/** The facilities a flip writes: the bench facility first, then others, ten at most. */
export function flipFacilities(all: readonly string[]): string[] {
  return [BENCH_FACILITY, ...all.filter((f) => f !== BENCH_FACILITY)].slice(0, 10);
}

/**
 * Every catalog variant at every flip facility: in stock = `quantity` at the bench facility and 0 elsewhere,
 * out of stock = 0 everywhere. Either way the store's availability is known whatever the region adds up.
 */
export function flipUpdates(
  catalog: number,
  facilities: readonly string[],
  inStock: boolean,
  quantity: number,
  observedAt: string,
): Update[] {
  const out: Update[] = [];
  for (let v = 1; v <= catalog; v++) {
    for (const f of facilities)
      out.push({ variantId: v, facility: f, quantity: inStock && f === BENCH_FACILITY ? quantity : 0, observedAt });
  }
  return out;
}

export const quantityTarget = (quantity: number): TargetStock => ({ kind: 'quantity', quantity });
export const OUT_OF_STOCK: TargetStock = { kind: 'out_of_stock' };

/** The catalog variants the p-th trickle POST changes: the next `perPost` of the catalog, round robin. */
export function tricklePostVariants(p: number, perPost: number, catalog: number): number[] {
  return Array.from({ length: perPost }, (_, j) => ((p * perPost + j) % catalog) + 1);
}
