/**
 * Absolute adjustments settle asynchronously (https://developer.bigcommerce.com/docs/store-operations/catalog/inventory-adjustments).
 * This register keeps, per store API base, location and variant, the counts this process wrote in the last settle
 * window with the count the location showed before (README "Multi-location stores and asynchronous adjustments").
 */

/** How long after a write a disagreeing read is not trusted. BigCommerce names no figure: **unverified**, chosen generously. */
export const SETTLE_WINDOW_MS = 5 * 60_000;

/** Entries kept at most (oldest dropped first): a bound on memory, far above one process's write rate. */
const MAX_ENTRIES = 200_000;

export interface RecentWrite {
  quantity: number;
  /** The count the location showed when the write was planned (undefined: unknown). */
  before: number | undefined;
  at: number;
}

export class RecentWrites {
  private readonly entries = new Map<string, RecentWrite>();

  constructor(
    private readonly windowMs: number = SETTLE_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  record(key: string, quantity: number, before: number | undefined): void {
    const at = this.now();
    this.entries.delete(key);
    this.entries.set(key, { quantity, before, at });
    // Map keeps insertion order: the first entries are the oldest.
    for (const [k, w] of this.entries) {
      if (this.entries.size <= MAX_ENTRIES && at - w.at <= this.windowMs) break;
      this.entries.delete(k);
    }
  }

  /** The write still settling for `key` when `observed` is the count from before it; undefined otherwise. */
  unsettled(key: string, observed: number): (RecentWrite & { ageMs: number }) | undefined {
    const w = this.entries.get(key);
    if (!w) return undefined;
    const ageMs = this.now() - w.at;
    if (ageMs > this.windowMs) {
      this.entries.delete(key);
      return undefined;
    }
    return w.quantity !== observed && w.before === observed ? { ...w, ageMs } : undefined;
  }
}

/** One register per process, shared by every connection (the hub opens one per run). */
export const processRecentWrites = new RecentWrites();

export const writeKey = (storeBase: string, locationId: number, variantId: number) => `${storeBase}|${locationId}|${variantId}`;
