/** The simulated platform's own budget: a token bucket that answers "spent" instead of waiting. */
export class SimTokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly capacity: number,
    readonly refillPerSecond: number,
    private readonly now: () => number,
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  private refill(): void {
    const t = this.now();
    if (t > this.last) {
      this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) / 1000) * this.refillPerSecond);
      this.last = t;
    }
  }

  /** Takes `cost` tokens, or says how many whole seconds until it could. */
  take(cost: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
    this.refill();
    const need = Math.min(cost, this.capacity);
    if (this.tokens >= need) {
      this.tokens -= need;
      return { ok: true };
    }
    const seconds = (need - this.tokens) / this.refillPerSecond;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(seconds)) };
  }

  remaining(): number {
    this.refill();
    return Math.floor(this.tokens);
  }
}
