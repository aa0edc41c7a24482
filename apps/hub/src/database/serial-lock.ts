/** A FIFO mutex: one holder at a time, waiters served in arrival order. */
export class SerialLock {
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;

  /** Resolves with a release function once the caller holds the lock. Release is idempotent. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => held);
    this.waiting++;
    return previous.then(() => {
      this.waiting--;
      let released = false;
      return () => {
        if (!released) {
          released = true;
          release();
        }
      };
    });
  }

  /** Callers queued behind the current holder (for diagnostics). */
  get queued(): number {
    return this.waiting;
  }
}
