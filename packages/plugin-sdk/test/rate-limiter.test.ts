import { createRateLimiter } from '../src';

/** A virtual clock: sleeps advance time instantly, so we can count what a budget allows. */
function virtualClock() {
  let t = 0;
  return {
    now: () => t,
    sleep: async (ms: number) => void (t += ms),
    get t() {
      return t;
    },
  };
}

describe('createRateLimiter', () => {
  it('lets a burst through, then spaces requests at the sustained rate', async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 2, burst: 4 }, clock);
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      await limiter.acquire();
      times.push(clock.t);
    }
    expect(times.slice(0, 4)).toEqual([0, 0, 0, 0]);
    // 6 more at 2/s need 3 s.
    expect(times[9]).toBeGreaterThanOrEqual(3000);
    expect(times[9]).toBeLessThanOrEqual(3001);
    for (let i = 5; i < 10; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(499);
  });

  it('never lets more than burst + rate*T requests through in T (real timers, counted)', async () => {
    const limiter = createRateLimiter({ requestsPerSecond: 20, burst: 5 });
    const started = Date.now();
    let sent = 0;
    const stopAt = started + 500;
    while (Date.now() < stopAt) {
      await limiter.acquire();
      if (Date.now() <= stopAt) sent++;
    }
    // 5 burst + 20/s * 0.5 s = 15 (+1 for timer rounding).
    expect(sent).toBeLessThanOrEqual(16);
    expect(sent).toBeGreaterThanOrEqual(5);
  });

  it('pause() holds every caller and empties the bucket', async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 1, burst: 3 }, clock);
    await limiter.acquire();
    limiter.pause(2000);
    expect(limiter.pausedForMs()).toBe(2000);
    await limiter.acquire();
    expect(clock.t).toBeGreaterThanOrEqual(2000);
    limiter.pause(100);
    limiter.pause(50); // shorter pause does not shorten the longer one
    expect(limiter.pausedForMs()).toBe(100);
  });

  it('charges a cost above capacity as a full bucket instead of waiting forever', async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 10, burst: 2 }, clock);
    await limiter.acquire(50);
    await limiter.acquire(50);
    expect(clock.t).toBe(200);
  });

  it('rejects an impossible policy', () => {
    expect(() => createRateLimiter({ requestsPerSecond: 0, burst: 1 })).toThrow(RangeError);
  });
});
