/**
 * Shopify's cost bucket for one app+store: `maximumAvailable` points, restored at `restoreRate`
 * per second. A query needs its requested cost available before it runs, else THROTTLED.
 * https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits
 */
export class LeakyBucket {
  private available: number;
  private last: number;

  constructor(
    readonly maximumAvailable: number,
    readonly restoreRate: number,
    private readonly now: () => number,
  ) {
    this.available = maximumAvailable;
    this.last = now();
  }

  private restore(): void {
    const t = this.now();
    if (t > this.last) {
      this.available = Math.min(this.maximumAvailable, this.available + ((t - this.last) / 1000) * this.restoreRate);
      this.last = t;
    }
  }

  /** Takes `cost` points when available; false (and nothing taken) otherwise. */
  take(cost: number): boolean {
    this.restore();
    if (this.available < cost) return false;
    this.available -= cost;
    return true;
  }

  /** Gives back points (requested cost charged up front, refunded down to the actual cost). */
  refund(points: number): void {
    this.restore();
    this.available = Math.min(this.maximumAvailable, this.available + Math.max(0, points));
  }

  /** Test seam: what another client of the same app spending the bucket would leave. */
  drainTo(points: number): void {
    this.restore();
    this.available = Math.max(0, Math.min(this.maximumAvailable, points));
  }

  status(): { maximumAvailable: number; currentlyAvailable: number; restoreRate: number } {
    this.restore();
    return { maximumAvailable: this.maximumAvailable, currentlyAvailable: Math.floor(this.available), restoreRate: this.restoreRate };
  }
}
