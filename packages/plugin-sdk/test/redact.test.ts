import { createRedactor, parseRetryAfter, platformPauseMs, redactDeep, redactHeaders } from '../src';

describe('redaction', () => {
  const redact = createRedactor(['s3cr3t/with+chars', 'tok']);
  it('removes raw and URL-encoded secrets and credential query params', () => {
    expect(redact('a s3cr3t/with+chars b')).toBe('a [REDACTED] b');
    expect(redact(`u?x=${encodeURIComponent('s3cr3t/with+chars')}`)).toBe('u?x=[REDACTED]');
    expect(redact('https://h/p?consumer_key=ck_1&page=2&oauth_signature=abc')).toBe(
      'https://h/p?consumer_key=[REDACTED]&page=2&oauth_signature=[REDACTED]',
    );
  });
  it('redacts sensitive keys deeply and headers by name', () => {
    expect(redactDeep({ a: { password: 'p', note: 'has tok' }, list: ['tok'] }, redact)).toEqual({
      a: { password: '[REDACTED]', note: 'has [REDACTED]' },
      list: ['[REDACTED]'],
    });
    expect(redactHeaders({ 'x-api-key': 'anything', Authorization: 'Basic abc', accept: 'json' }, redact)).toEqual({
      'x-api-key': '[REDACTED]',
      Authorization: '[REDACTED]',
      accept: 'json',
    });
  });
});

describe('platform wait signals', () => {
  it('parses Retry-After seconds and dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('0.5')).toBe(500);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
  it("reads no platform's own headers (declared in manifests: rate-headers.test.ts)", () => {
    expect(platformPauseMs({ 'x-rate-limit-requests-left': '0', 'x-rate-limit-time-reset-ms': '1500' })).toBeUndefined();
    expect(platformPauseMs({ 'x-remaining-this-second': '0' })).toBeUndefined();
    expect(platformPauseMs({ 'x-shopify-shop-api-call-limit': '40/40' })).toBeUndefined();
    expect(platformPauseMs({})).toBeUndefined();
  });
});
