// The HTTP status → error taxonomy rules (map-error.ts). The orchestrator acts on the class: AuthError
// flags the store needs_reconnect, NotFound flags the variant, RateLimited / Transient keep work pending,
// Rejected records a refusal that is not retried blindly.
import { AuthError, NotFound, RateLimited, Rejected, Transient } from '../src';
import { describeCall, describeLocation, errorForNetworkFailure, errorForStatus, NOT_SENT_CODES } from '../src/http/map-error';

const ctx = { method: 'PUT', url: 'https://shop.example/api/stock/1' };
const answer = (status: number) => ({ status, headers: {}, data: undefined });
const map = (status: number, retryAfterMs?: number) => errorForStatus(answer(status), ctx, retryAfterMs, 1_000);

describe('errorForStatus', () => {
  it('2xx is success (no error)', () => {
    for (const s of [200, 201, 204, 299]) expect(map(s)).toBeUndefined();
  });

  it('3xx is never success: Transient naming the status and where it pointed (nothing was done)', () => {
    for (const s of [300, 301, 302, 304, 307, 308, 399]) {
      const e = map(s);
      expect(e).toBeInstanceOf(Transient);
      expect(e?.message).toBe(
        `PUT https://shop.example/api/stock/1 was answered with a redirect (${s}) without a Location; redirects are not followed for this call, so nothing was done — check the store's URL`,
      );
      expect(e?.details).toEqual({ method: 'PUT', url: ctx.url, status: s });
    }
    const moved = errorForStatus(answer(301), { ...ctx, location: 'https://new.example/api/stock/1' }, undefined, 1_000);
    expect(moved?.message).toContain('was answered with a redirect (301) to https://new.example/api/stock/1;');
    expect(moved?.details).toEqual({ method: 'PUT', url: ctx.url, status: 301, location: 'https://new.example/api/stock/1' });
  });

  it('400 and every other 4xx without its own rule is Rejected (never success, never retried)', () => {
    for (const s of [400, 405, 409, 413, 415, 422, 451, 499]) {
      const e = map(s);
      expect(e).toBeInstanceOf(Rejected);
      expect(e?.retryable).toBe(false);
      expect(e?.message).toBe(`PUT https://shop.example/api/stock/1 was rejected (${s})`);
    }
  });

  it('401 and 403 are AuthError: the credentials are invalid or lack access (store needs_reconnect)', () => {
    for (const s of [401, 403]) {
      const e = map(s);
      expect(e).toBeInstanceOf(AuthError);
      expect(e?.message).toBe(`PUT https://shop.example/api/stock/1 was refused (${s}): the credentials are invalid or lack access`);
    }
    expect(map(402)).toBeInstanceOf(Rejected);
  });

  it('404 and 410 are NotFound (the variant is gone)', () => {
    for (const s of [404, 410]) {
      const e = map(s);
      expect(e).toBeInstanceOf(NotFound);
      expect(e?.message).toBe(`PUT https://shop.example/api/stock/1 found nothing (${s})`);
    }
    expect(map(411)).toBeInstanceOf(Rejected);
  });

  it('408 and every 5xx are Transient (retryable)', () => {
    for (const s of [408, 500, 502, 503, 504, 599]) {
      const e = map(s);
      expect(e).toBeInstanceOf(Transient);
      expect(e?.retryable).toBe(true);
      expect(e?.message).toBe(`PUT https://shop.example/api/stock/1 failed with ${s}`);
    }
    expect(map(407)).toBeInstanceOf(Rejected);
    expect(map(499)).toBeInstanceOf(Rejected);
  });

  it('429 is RateLimited, waiting what the platform said, else the default wait', () => {
    const said = map(429, 2_500) as RateLimited;
    expect(said).toBeInstanceOf(RateLimited);
    expect(said.retryAfterMs).toBe(2_500);
    expect(said.message).toBe('PUT https://shop.example/api/stock/1 was rate limited (429); retry after 2500 ms');
    expect(said.details).toEqual({ method: 'PUT', url: ctx.url, status: 429, retryAfterMs: 2_500 });
    const unsaid = map(429) as RateLimited;
    expect(unsaid.retryAfterMs).toBe(1_000);
    expect((map(429, 0) as RateLimited).retryAfterMs).toBe(0);
  });

  it('puts method, URL, status and the body snippet (when there is one) in the details', () => {
    expect(map(422)?.details).toEqual({ method: 'PUT', url: ctx.url, status: 422 });
    const withBody = errorForStatus(answer(422), { ...ctx, body: '{"error":"bad quantity"}' }, undefined, 1_000);
    expect(withBody?.details).toEqual({ method: 'PUT', url: ctx.url, status: 422, body: '{"error":"bad quantity"}' });
    expect(errorForStatus(answer(422), { ...ctx, body: '' }, undefined, 1_000)?.details).not.toHaveProperty('body');
  });

  it('describes a call as METHOD URL', () => {
    expect(describeCall(ctx)).toBe('PUT https://shop.example/api/stock/1');
  });
});

describe('describeLocation', () => {
  const from = new URL('https://shop.example/api/stock/1?token=t');
  const redact = (x: string) => x.replace('secretpath', '[REDACTED]');
  it('resolves against the request URL and drops credentials and the query string', () => {
    expect(describeLocation('/v2/stock/1', from, redact)).toBe('https://shop.example/v2/stock/1');
    expect(describeLocation('https://user:pw@other.example/x?sig=abc#f', from, redact)).toBe('https://other.example/x?…');
    expect(describeLocation('/secretpath/x', from, redact)).toBe('https://shop.example/[REDACTED]/x');
  });
  it('is undefined without a Location and says so when it cannot be read', () => {
    expect(describeLocation(undefined, from, redact)).toBeUndefined();
    expect(describeLocation('', from, redact)).toBeUndefined();
    expect(describeLocation('http://[bad', from, redact)).toBe('(an unreadable Location)');
  });
});

describe('errorForNetworkFailure', () => {
  it('a timeout is Transient naming the timeout, whichever code says it', () => {
    for (const code of ['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']) {
      const e = errorForNetworkFailure(code, ctx, 1_500);
      expect(e).toBeInstanceOf(Transient);
      expect(e.message).toBe('PUT https://shop.example/api/stock/1 timed out after 1500 ms');
      expect(e.details).toEqual({ method: 'PUT', url: ctx.url, code });
    }
  });

  it('any other failure is a Transient network error naming its code (or unknown)', () => {
    const reset = errorForNetworkFailure('ECONNRESET', ctx, 1_500);
    expect(reset).toBeInstanceOf(Transient);
    expect(reset.message).toBe('PUT https://shop.example/api/stock/1 failed: network error (ECONNRESET)');
    const unknown = errorForNetworkFailure(undefined, ctx, 1_500);
    expect(unknown.message).toBe('PUT https://shop.example/api/stock/1 failed: network error (unknown)');
    expect(unknown.details).toEqual({ method: 'PUT', url: ctx.url, code: 'unknown' });
  });

  it('only failures before the request could leave count as "not sent" (safe to resend a write)', () => {
    expect([...NOT_SENT_CODES].sort()).toEqual(['EAI_AGAIN', 'ECONNREFUSED', 'ENOTFOUND']);
    for (const possiblySent of ['ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE']) expect(NOT_SENT_CODES.has(possiblySent)).toBe(false);
  });
});
