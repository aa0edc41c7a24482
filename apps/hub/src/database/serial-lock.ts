/**
 * A FIFO mutex: one holder at a time, waiters served in arrival order.
 *
 * The next waiter gets the lock on the event loop's next turn (setImmediate), not in the same microtask
 * queue: the embedded database answers without I/O, so a queue of hundreds of statements handed over by
 * promise alone ran back to back for seconds (12 s measured at 1 000 stores) while platform answers,
 * timers and HTTP requests waited — client timeouts fired on answers that had arrived long before.
 */
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
          setImmediate(release);
        }
      };
    });
  }

  /** Callers queued behind the current holder (for diagnostics). */
  get queued(): number {
    return this.waiting;
  }
}
