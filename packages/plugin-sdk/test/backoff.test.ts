// Capped exponential backoff with full jitter (backoff.ts): the wait is random in [0, ceiling), the
// ceiling doubles per attempt from the base and never passes the cap. Injected random, no clock.
import { backoffDelayMs } from '../src';

describe('backoffDelayMs', () => {
  const top = () => 0.999_999;
  it('the ceiling is base × 2^(attempt−1): attempt 1 waits below the base, each attempt doubles it', () => {
    expect([1, 2, 3, 4, 5].map((a) => backoffDelayMs(a, 100, 100_000, top))).toEqual([99, 199, 399, 799, 1599]);
  });

  it('the ceiling never passes the cap', () => {
    expect(backoffDelayMs(10, 100, 1_000, top)).toBe(999);
    expect(backoffDelayMs(4, 100, 800, top)).toBe(799);
    expect(backoffDelayMs(4, 100, 801, top)).toBe(799);
  });

  it('full jitter: the random fraction scales the ceiling, rounded down to whole ms', () => {
    expect(backoffDelayMs(3, 100, 10_000, () => 0.5)).toBe(200);
    expect(backoffDelayMs(3, 100, 10_000, () => 0.255)).toBe(102);
    expect(backoffDelayMs(3, 100, 10_000, () => 0)).toBe(0);
  });

  it('attempt 0 or below is treated as the first attempt', () => {
    expect(backoffDelayMs(0, 100, 10_000, top)).toBe(99);
    expect(backoffDelayMs(-3, 100, 10_000, top)).toBe(99);
  });
});
