// Reading "come back later" signals (retry-after.ts): RFC 9110 Retry-After and the platforms' own
// rate headers. When several signals are present, the longest wait wins.
import { parseRetryAfter, platformPauseMs } from '../src';

const NOW = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');

describe('parseRetryAfter', () => {
  it('reads delay-seconds (whole or fractional, surrounding spaces allowed) as ms', () => {
    expect(parseRetryAfter('0')).toBe(0);
    expect(parseRetryAfter(' 3 ')).toBe(3000);
    expect(parseRetryAfter('1.25')).toBe(1250);
    expect(parseRetryAfter('0.0004')).toBe(0);
  });

  it('reads an HTTP-date relative to now, never negative', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', NOW)).toBe(10_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:27:50 GMT', NOW)).toBe(0);
    expect(parseRetryAfter(' Wed, 21 Oct 2015 07:28:01 GMT ', NOW)).toBe(1_000);
  });

  it('is undefined when absent, blank or unreadable (not a number followed by text)', () => {
    for (const v of [undefined, '', '   ', 'soon', '5s', '1e3', 'x2']) expect(parseRetryAfter(v, NOW)).toBeUndefined();
  });

  it('defaults now to the wall clock', () => {
    const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();
    const ms = parseRetryAfter(inTwoMinutes)!;
    expect(ms).toBeGreaterThan(110_000);
    expect(ms).toBeLessThanOrEqual(120_000);
  });
});

describe('platformPauseMs', () => {
  it('Retry-After on any answer', () => {
    expect(platformPauseMs({ 'retry-after': '2' }, NOW)).toBe(2000);
    expect(platformPauseMs({ 'retry-after': 'Wed, 21 Oct 2015 07:28:05 GMT' }, NOW)).toBe(5000);
    expect(platformPauseMs({ 'retry-after': 'later' }, NOW)).toBeUndefined();
  });

  it("knows no platform's own headers: those are declared in the manifest (rate-headers.ts)", () => {
    expect(platformPauseMs({ 'x-rate-limit-requests-left': '0', 'x-rate-limit-time-reset-ms': '1500' }, NOW)).toBeUndefined();
    expect(platformPauseMs({ 'x-remaining-this-second': '0' }, NOW)).toBeUndefined();
    expect(platformPauseMs({ 'x-shopify-shop-api-call-limit': '40/40' }, NOW)).toBeUndefined();
  });

  it('IETF RateLimit-*: remaining 0 waits RateLimit-Reset seconds; remaining above 0 or no reset is no signal', () => {
    expect(platformPauseMs({ 'ratelimit-remaining': '0', 'ratelimit-reset': '7' }, NOW)).toBe(7000);
    expect(platformPauseMs({ 'ratelimit-remaining': '-1', 'ratelimit-reset': '2' }, NOW)).toBe(2000);
    expect(platformPauseMs({ 'ratelimit-remaining': '1', 'ratelimit-reset': '7' }, NOW)).toBeUndefined();
    expect(platformPauseMs({ 'ratelimit-remaining': '0' }, NOW)).toBeUndefined();
    expect(platformPauseMs({ 'ratelimit-reset': '7' }, NOW)).toBeUndefined();
  });

  it('several signals at once: the longest wait wins', () => {
    expect(platformPauseMs({ 'retry-after': '3', 'ratelimit-remaining': '0', 'ratelimit-reset': '2' }, NOW)).toBe(3000);
    expect(platformPauseMs({ 'retry-after': '1', 'ratelimit-remaining': '0', 'ratelimit-reset': '2' }, NOW)).toBe(2000);
    expect(platformPauseMs({ 'retry-after': '3', 'ratelimit-remaining': '0', 'ratelimit-reset': '9' }, NOW)).toBe(9000);
    expect(platformPauseMs({ 'retry-after': '0', 'ratelimit-remaining': '0', 'ratelimit-reset': '1' }, NOW)).toBe(1000);
  });

  it('no signal at all is undefined (not 0)', () => {
    expect(platformPauseMs({}, NOW)).toBeUndefined();
    expect(platformPauseMs({ 'content-type': 'application/json' })).toBeUndefined();
  });
});
