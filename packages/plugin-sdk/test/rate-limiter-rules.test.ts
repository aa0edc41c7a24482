// The per-store token bucket (rate-limiter.ts) on a virtual clock: what each call costs, when it may
// leave, and what a platform pause does. No real time passes.
import { createRateLimiter } from '../src';

function virtualClock() {
  let t = 0;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    get t() {
      return t;
    },
    sleeps,
  };
}

describe('createRateLimiter rules', () => {
  it('a call costing N takes N tokens: the next one waits until N have refilled', async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 2, burst: 4 }, clock);
    await limiter.acquire(3);
    expect(clock.t).toBe(0);
    await limiter.acquire(3); // 1 left, 2 more at 2/s
    expect(clock.t).toBe(1000);
    await limiter.acquire(); // default cost 1: the bucket is empty, half a second
    expect(clock.t).toBe(1500);
    expect(limiter.stats).toEqual({ acquired: 3, waitedMs: 1500 });
  });

  it('a negative cost is free', async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 1, burst: 1 }, clock);
    await limiter.acquire(1);
    await limiter.acquire(-5);
    expect(clock.t).toBe(0);
    await limiter.acquire(0);
    expect(clock.t).toBe(0);
  });

  it('an idle bucket refills only up to its burst', async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 10, burst: 2 }, clock);
    await clock.sleep(60_000);
    for (let i = 0; i < 3; i++) await limiter.acquire();
    expect(clock.t).toBe(60_100);
  });

  it('a fractional burst still lets one request through', async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 1, burst: 0.5 }, clock);
    await limiter.acquire();
    expect(clock.t).toBe(0);
  });

  it('serves callers in arrival order', async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 1, burst: 1 }, clock);
    const order: string[] = [];
    await Promise.all(['a', 'b', 'c'].map((name) => limiter.acquire().then(() => order.push(`${name}@${clock.t}`))));
    expect(order).toEqual(['a@0', 'b@1000', 'c@2000']);
  });

  it('a caller whose wait fails does not block the ones behind it', async () => {
    let t = 0;
    let failNext = true;
    const limiter = createRateLimiter(
      { requestsPerSecond: 1, burst: 1 },
      {
        now: () => t,
        sleep: async (ms) => {
          if (failNext) {
            failNext = false;
            throw new Error('interrupted');
          }
          t += ms;
        },
      },
    );
    await limiter.acquire();
    await expect(limiter.acquire()).rejects.toThrow('interrupted');
    await limiter.acquire();
    expect(t).toBe(1000);
  });

  it('pause(ms) empties the bucket: after the pause the next request still waits for a token', async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 1, burst: 3 }, clock);
    limiter.pause(2000);
    expect(limiter.pausedForMs()).toBe(2000);
    await limiter.acquire();
    // 2 s of pause, then 1 s to refill one token (the bucket refills from the end of the pause).
    expect(clock.t).toBe(3000);
    expect(limiter.pausedForMs()).toBe(0);
  });

  it('a pause of 0 or less changes nothing; pausedForMs counts down', async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 1, burst: 3 }, clock);
    limiter.pause(0);
    limiter.pause(-10);
    expect(limiter.pausedForMs()).toBe(0);
    await limiter.acquire();
    await limiter.acquire();
    expect(clock.t).toBe(0);
    limiter.pause(500);
    await clock.sleep(200);
    expect(limiter.pausedForMs()).toBe(300);
    await clock.sleep(1000);
    expect(limiter.pausedForMs()).toBe(0);
  });

  it('rejects a policy that could never let a request through', () => {
    for (const policy of [
      { requestsPerSecond: 0, burst: 1 },
      { requestsPerSecond: -1, burst: 1 },
      { requestsPerSecond: 1, burst: 0 },
      { requestsPerSecond: Number.NaN, burst: 1 },
      { requestsPerSecond: 1, burst: Number.NaN },
    ]) {
      expect(() => createRateLimiter(policy)).toThrow('rate limit policy needs positive requestsPerSecond and burst');
    }
  });

  it('keeps its policy', () => {
    const policy = { requestsPerSecond: 3, burst: 6 };
    expect(createRateLimiter(policy).policy).toBe(policy);
  });
});
