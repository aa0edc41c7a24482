/**
 * The embedded database's FIFO lock: one holder at a time, in arrival order, and the event loop turns
 * between two holders — a timer or an I/O callback waiting behind a long queue runs before the queue is
 * drained, not after it.
 */
import { SerialLock } from '../../src/database/serial-lock';

const busy = (ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    /* holds the thread, like a statement on PGlite */
  }
};

describe('SerialLock', () => {
  it('serves one holder at a time in arrival order', async () => {
    const lock = new SerialLock();
    const order: number[] = [];
    let holders = 0;
    await Promise.all(
      [0, 1, 2, 3, 4].map(async (i) => {
        const release = await lock.acquire();
        holders++;
        expect(holders).toBe(1);
        order.push(i);
        await Promise.resolve();
        holders--;
        release();
        release(); // idempotent
      }),
    );
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(lock.queued).toBe(0);
  });

  it('lets the event loop turn between two holders', async () => {
    const lock = new SerialLock();
    let done = 0;
    let doneWhenTimerRan = -1;
    const timer = new Promise<void>((r) => setTimeout(() => ((doneWhenTimerRan = done), r()), 0));
    await Promise.all(
      Array.from({ length: 40 }, async () => {
        const release = await lock.acquire();
        busy(5);
        done++;
        release();
      }),
    );
    await timer;
    // Before: the 40 holders (200 ms) ran in one microtask burst and the 0 ms timer waited for all of them.
    expect(doneWhenTimerRan).toBeGreaterThanOrEqual(0);
    expect(doneWhenTimerRan).toBeLessThan(40);
  });
});
