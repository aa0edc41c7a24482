/**
 * The scheduler's pacing (src/sync/paced-trigger.ts) with real timers: a quick job runs on every request; after a
 * costly one, requests wait until 10 × its duration has passed since it started (at most maxWaitMs), and the
 * requests meanwhile are one run; a request during a run is not lost; stop() drops a waiting request.
 * The job's cost is set on the trigger's clock (a run "takes" what it adds to it), so the waits it computes are
 * exact; the waits themselves are real timers, checked from below (a timer never fires early) with generous
 * deadlines above.
 */
import { PacedTrigger } from '../../src/sync/paced-trigger';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(done: () => boolean, deadlineMs = 5_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!done()) {
    if (Date.now() > end) throw new Error('not done in time');
    await sleep(5);
  }
}

/** A clock the test moves, and a job whose runs take `cost(n)` on it (n: the run's number, from 1). */
function setup(cost: (n: number) => number, maxWaitMs = 10_000, pace?: number) {
  const clock = { now: 1_000_000 };
  const starts: number[] = [];
  const trigger = new PacedTrigger(
    async () => {
      starts.push(Date.now());
      clock.now += cost(starts.length);
    },
    { maxWaitMs, now: () => clock.now, ...(pace ? { pace } : {}) },
  );
  return { clock, starts, trigger };
}

describe('PacedTrigger', () => {
  it('runs a quick job on every request', async () => {
    const { starts, trigger } = setup(() => 0);
    for (let i = 1; i <= 5; i++) {
      trigger.request();
      await until(() => starts.length === i);
    }
    expect(trigger.stats).toEqual({ runs: 5, deferred: 0 });
  });

  it('after a costly run, waits 10 × its duration from its start, and the requests meanwhile are one run', async () => {
    const { clock, starts, trigger } = setup((n) => (n === 1 ? 60 : 0));
    const first = clock.now;
    trigger.request();
    await until(() => starts.length === 1 && trigger.nextAllowedAt() > first);
    expect(trigger.nextAllowedAt()).toBe(first + 600);
    clock.now = first + 100; // 500 ms to go
    const asked = Date.now();
    for (let i = 0; i < 5; i++) trigger.request();
    expect(trigger.stats.deferred).toBe(1);
    await sleep(50);
    expect(starts).toHaveLength(1);
    await until(() => starts.length === 2);
    expect(Date.now() - asked).toBeGreaterThanOrEqual(495);
    await sleep(50);
    expect(trigger.stats).toEqual({ runs: 2, deferred: 1 });
  });

  it('waits at most maxWaitMs after the last start', async () => {
    const { clock, starts, trigger } = setup((n) => (n === 1 ? 100 : 0), 250); // 10 × 100 ms would be 1 s
    const first = clock.now;
    trigger.request();
    await until(() => starts.length === 1 && trigger.nextAllowedAt() > first);
    expect(trigger.nextAllowedAt()).toBe(first + 250);
    clock.now = first + 120;
    const asked = Date.now();
    trigger.request();
    await until(() => starts.length === 2);
    expect(Date.now() - asked).toBeGreaterThanOrEqual(125);
  });

  it('asks again after a run that a request came in during, so work committed meanwhile is not left to the timer', async () => {
    let release: () => void = () => undefined;
    let runs = 0;
    const trigger = new PacedTrigger(
      () => {
        runs++;
        return runs === 1 ? new Promise<void>((r) => (release = r)) : Promise.resolve();
      },
      { maxWaitMs: 10_000, now: () => 0 }, // no time passes: never paced
    );
    trigger.request();
    trigger.request(); // during the run
    expect(runs).toBe(1);
    release();
    await until(() => runs === 2);
  });

  it('runs nothing after stop() (a waiting request is dropped), and takes requests again after start()', async () => {
    const { clock, starts, trigger } = setup((n) => (n === 1 ? 20 : 0));
    const first = clock.now;
    trigger.request();
    await until(() => starts.length === 1 && trigger.nextAllowedAt() > first);
    clock.now = first + 180; // paced: 20 ms to go
    trigger.request();
    trigger.stop();
    await sleep(150);
    expect(starts).toHaveLength(1);
    trigger.start();
    clock.now = first + 300;
    trigger.request();
    await until(() => starts.length === 2);
  });

  it('times a failed run like any other and keeps taking requests', async () => {
    let calls = 0;
    const trigger = new PacedTrigger(
      async () => {
        calls++;
        throw new Error('boom');
      },
      { maxWaitMs: 1000, now: () => 0 },
    );
    trigger.request();
    await until(() => calls === 1);
    await sleep(5);
    trigger.request();
    await until(() => calls === 2);
  });
});
