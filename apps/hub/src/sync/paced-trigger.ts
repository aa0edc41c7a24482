/**
 * Runs a periodic job no more often than its own cost allows (the scheduler's tick, issue 10).
 *
 * `request()` — from the timer or a nudge — runs the job now, unless the last run was costly: then once, at
 * `lastStart + pace × lastDuration` (at most `maxWaitMs` after the last start); requests meanwhile join that one.
 * A request while the job runs is asked again when it is done, so work committed during a run is never left
 * for the timer alone. A quick job (milliseconds) is never delayed.
 */
export interface PacedTriggerOptions {
  /** A run may take at most 1 / pace of the time (default 10: a tenth). */
  pace?: number;
  /** The longest a request waits after the last run started. */
  maxWaitMs: number;
  /** The clock (tests). */
  now?: () => number;
}

export class PacedTrigger {
  private readonly pace: number;
  private readonly now: () => number;
  private last = { startedAt: Number.NEGATIVE_INFINITY, tookMs: 0 };
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private askAgain = false;
  private stopped = false;
  /** Runs started, and requests put off by pacing (diagnostics, tests). */
  readonly stats = { runs: 0, deferred: 0 };

  constructor(
    private readonly run: () => Promise<void>,
    private readonly options: PacedTriggerOptions,
  ) {
    this.pace = options.pace ?? 10;
    this.now = options.now ?? Date.now;
  }

  /** When the next request may run the job (ms, the clock's). */
  nextAllowedAt(): number {
    return this.last.startedAt + Math.min(this.last.tookMs * this.pace, this.options.maxWaitMs);
  }

  request(): void {
    if (this.stopped || this.timer) return;
    if (this.running) {
      this.askAgain = true;
      return;
    }
    const wait = this.nextAllowedAt() - this.now();
    if (wait <= 0) return this.runNow();
    this.stats.deferred++;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.stopped) this.runNow();
    }, wait);
  }

  /** Takes requests again after stop(). */
  start(): void {
    this.stopped = false;
  }

  /** No more runs until start(); a run in progress finishes. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private runNow(): void {
    const startedAt = this.now();
    this.stats.runs++;
    this.running = this.run()
      .catch(() => undefined) // the job reports its own failures
      .finally(() => {
        this.last = { startedAt, tookMs: this.now() - startedAt };
        this.running = undefined;
        if (this.askAgain) {
          this.askAgain = false;
          this.request();
        }
      });
  }
}
