import {
  declaredSignalsPauseMs,
  exhaustedBudgetClassifier,
  exhaustedBudgetPauseMs,
  headerNumber,
  rateSignalPauseMs,
  type HttpResponse,
  type RateLimitSignal,
} from '../src';

const res = (status: number, headers: Record<string, string>): HttpResponse => ({ status, headers, data: undefined });

describe('rate headers', () => {
  it('headerNumber reads finite numbers only', () => {
    expect(headerNumber({ 'x-a': '12' }, 'X-A')).toBe(12);
    expect(headerNumber({ 'x-a': ' ' }, 'x-a')).toBeUndefined();
    expect(headerNumber({ 'x-a': 'soon' }, 'x-a')).toBeUndefined();
    expect(headerNumber({ 'x-a': '-1' }, 'x-a')).toBe(-1);
    expect(headerNumber(undefined, 'x-a')).toBeUndefined();
  });

  it('pauses a fixed time when the remaining count reads 0, not before', () => {
    const signal = { remaining: 'x-ratelimit-remaining', pauseMs: 1000 };
    expect(exhaustedBudgetPauseMs(res(200, { 'x-ratelimit-remaining': '0' }), signal)).toBe(1000);
    expect(exhaustedBudgetPauseMs(res(200, { 'x-ratelimit-remaining': '1' }), signal)).toBeUndefined();
    expect(exhaustedBudgetPauseMs(res(200, { 'x-ratelimit-remaining': '-2' }), signal)).toBe(1000);
    expect(exhaustedBudgetPauseMs(res(200, {}), signal)).toBeUndefined();
  });

  it('ignores error answers unless told otherwise', () => {
    const headers = { 'x-rate-limit-remaining': '0' };
    expect(exhaustedBudgetPauseMs(res(422, headers), { remaining: 'x-rate-limit-remaining', pauseMs: 500 })).toBeUndefined();
    expect(exhaustedBudgetPauseMs(res(422, headers), { remaining: 'x-rate-limit-remaining', pauseMs: 500, onErrors: true })).toBe(500);
  });

  it('reads the wait from the response (a reset header) when given a function', () => {
    const signal = { remaining: 'x-rate-limit-remaining', pauseMs: (r: HttpResponse) => headerNumber(r.headers, 'x-rate-limit-reset') };
    expect(exhaustedBudgetPauseMs(res(200, { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '750' }), signal)).toBe(750);
    expect(exhaustedBudgetPauseMs(res(200, { 'x-rate-limit-remaining': '0' }), signal)).toBeUndefined();
  });

  it('as a classifier reports only the pause', () => {
    const classify = exhaustedBudgetClassifier({ remaining: 'x-ratelimit-remaining', pauseMs: 1000 });
    expect(classify(res(200, { 'x-ratelimit-remaining': '0' }))).toEqual({ pauseMs: 1000 });
    expect(classify(res(200, { 'x-ratelimit-remaining': '3' }))).toBeUndefined();
  });
});

describe('declared rate signals (manifest.rateLimit.signals)', () => {
  // The three platforms whose headers the client used to know by name, now declared as their manifests do.
  const BIGCOMMERCE: RateLimitSignal = {
    remaining: 'X-Rate-Limit-Requests-Left',
    pause: { header: 'X-Rate-Limit-Time-Reset-Ms', unit: 'ms' },
    onErrors: true,
  };
  const ETSY: RateLimitSignal = { remaining: 'x-remaining-this-second', pause: { ms: 1_000 }, onErrors: true };
  const SHOPIFY_REST: RateLimitSignal = { usedOfLimit: 'X-Shopify-Shop-Api-Call-Limit', pause: { ms: 1_000 }, onErrors: true };

  it('BigCommerce: requests left 0 (or below) waits the reset time read from the answer; needs both headers', () => {
    expect(rateSignalPauseMs(res(200, { 'x-rate-limit-requests-left': '0', 'x-rate-limit-time-reset-ms': '1500' }), BIGCOMMERCE)).toBe(
      1500,
    );
    expect(rateSignalPauseMs(res(429, { 'x-rate-limit-requests-left': '-1', 'x-rate-limit-time-reset-ms': '700' }), BIGCOMMERCE)).toBe(700);
    expect(
      rateSignalPauseMs(res(200, { 'x-rate-limit-requests-left': '1', 'x-rate-limit-time-reset-ms': '1500' }), BIGCOMMERCE),
    ).toBeUndefined();
    expect(rateSignalPauseMs(res(200, { 'x-rate-limit-requests-left': '0' }), BIGCOMMERCE)).toBeUndefined();
    expect(
      rateSignalPauseMs(res(200, { 'x-rate-limit-requests-left': '', 'x-rate-limit-time-reset-ms': '1500' }), BIGCOMMERCE),
    ).toBeUndefined();
    expect(
      rateSignalPauseMs(res(200, { 'x-rate-limit-requests-left': 'none', 'x-rate-limit-time-reset-ms': '1500' }), BIGCOMMERCE),
    ).toBeUndefined();
  });

  it('a reset header in seconds is read as seconds', () => {
    const signal: RateLimitSignal = { remaining: 'x-left', pause: { header: 'x-reset', unit: 's' } };
    expect(rateSignalPauseMs(res(200, { 'x-left': '0', 'x-reset': '3' }), signal)).toBe(3000);
    expect(rateSignalPauseMs(res(200, { 'x-left': '0', 'x-reset': '0' }), signal)).toBeUndefined();
  });

  it('Etsy: x-remaining-this-second 0 waits for the next second', () => {
    expect(rateSignalPauseMs(res(200, { 'x-remaining-this-second': '0' }), ETSY)).toBe(1000);
    expect(rateSignalPauseMs(res(200, { 'x-remaining-this-second': '-2' }), ETSY)).toBe(1000);
    expect(rateSignalPauseMs(res(200, { 'x-remaining-this-second': '1' }), ETSY)).toBeUndefined();
  });

  it('Shopify REST: a full leaky bucket ("40/40", or over) lets it leak a second; anything else is no signal', () => {
    expect(rateSignalPauseMs(res(200, { 'x-shopify-shop-api-call-limit': '40/40' }), SHOPIFY_REST)).toBe(1000);
    expect(rateSignalPauseMs(res(200, { 'x-shopify-shop-api-call-limit': ' 41/40 ' }), SHOPIFY_REST)).toBe(1000);
    expect(rateSignalPauseMs(res(200, { 'x-shopify-shop-api-call-limit': '39/40' }), SHOPIFY_REST)).toBeUndefined();
    expect(rateSignalPauseMs(res(200, { 'x-shopify-shop-api-call-limit': 'x40/40' }), SHOPIFY_REST)).toBeUndefined();
    expect(rateSignalPauseMs(res(200, { 'x-shopify-shop-api-call-limit': '40/40 calls' }), SHOPIFY_REST)).toBeUndefined();
    expect(rateSignalPauseMs(res(200, {}), SHOPIFY_REST)).toBeUndefined();
  });

  it('on error answers only when the signal says so', () => {
    const quiet: RateLimitSignal = { usedOfLimit: 'x-calls', pause: { ms: 1_000 } };
    expect(rateSignalPauseMs(res(503, { 'x-calls': '40/40' }), quiet)).toBeUndefined();
    expect(rateSignalPauseMs(res(399, { 'x-calls': '40/40' }), quiet)).toBe(1000);
    expect(rateSignalPauseMs(res(503, { 'x-calls': '40/40' }), { ...quiet, onErrors: true })).toBe(1000);
    const left: RateLimitSignal = { remaining: 'x-left', pause: { ms: 500 } };
    expect(rateSignalPauseMs(res(422, { 'x-left': '0' }), left)).toBeUndefined();
    expect(rateSignalPauseMs(res(422, { 'x-left': '0' }), { ...left, onErrors: true })).toBe(500);
  });

  it('several declared signals at once: the longest wait wins; none declared or none spent is no pause', () => {
    const headers = { 'x-rate-limit-requests-left': '0', 'x-rate-limit-time-reset-ms': '4500', 'x-remaining-this-second': '0' };
    expect(declaredSignalsPauseMs(res(200, headers), [ETSY, BIGCOMMERCE])).toBe(4500);
    expect(declaredSignalsPauseMs(res(200, headers), [BIGCOMMERCE, ETSY])).toBe(4500);
    expect(declaredSignalsPauseMs(res(200, { 'x-remaining-this-second': '0' }), [BIGCOMMERCE, ETSY])).toBe(1000);
    expect(declaredSignalsPauseMs(res(200, headers), [])).toBeUndefined();
    expect(declaredSignalsPauseMs(res(200, {}), [BIGCOMMERCE, ETSY, SHOPIFY_REST])).toBeUndefined();
  });
});
