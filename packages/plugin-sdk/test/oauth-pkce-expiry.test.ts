import { createHash } from 'node:crypto';
import { expiresAtFrom, hmacSha256, instantFromUnixSeconds, lifetimeSeconds, pkceChallenge, pkcePair, safeEqual } from '../src';

describe('PKCE (RFC 7636 S256)', () => {
  it('matches the RFC 7636 Appendix B example', () => {
    // https://www.rfc-editor.org/rfc/rfc7636#appendix-B
    expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes a 43-character base64url verifier from 32 random bytes, and its challenge', () => {
    const bytes = Buffer.from(Array.from({ length: 32 }, (_, i) => i * 7));
    const asked: number[] = [];
    const pair = pkcePair((n) => (asked.push(n), bytes));
    expect(asked).toEqual([32]);
    expect(pair.verifier).toBe(bytes.toString('base64url'));
    expect(pair.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pair.challenge).toBe(createHash('sha256').update(pair.verifier).digest('base64url'));
  });

  it('refuses a random source that gives other than 32 bytes', () => {
    expect(() => pkcePair(() => Buffer.alloc(31))).toThrow('pkcePair needs 32 random bytes');
    expect(() => pkcePair(() => Buffer.alloc(33))).toThrow('pkcePair needs 32 random bytes');
  });

  it('gives a fresh verifier each time by default', () => {
    const a = pkcePair();
    const b = pkcePair();
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.verifier).toHaveLength(43);
    expect(pkceChallenge(a.verifier)).toBe(a.challenge);
  });
});

describe('expiry arithmetic', () => {
  const now = Date.parse('2026-12-02T12:00:00.000Z');

  it('adds expires_in seconds to now', () => {
    expect(expiresAtFrom(3600, now)).toBe('2026-12-02T13:00:00.000Z');
    expect(expiresAtFrom(1, new Date(now))).toBe('2026-12-02T12:00:01.000Z');
    expect(expiresAtFrom(0.5, now)).toBe('2026-12-02T12:00:00.500Z');
  });

  it('reads a number sent as a string', () => {
    expect(expiresAtFrom('7200', now)).toBe('2026-12-02T14:00:00.000Z');
    expect(lifetimeSeconds(' 60 ')).toBe(60);
  });

  it('takes anything else as "not said", never as "already expired"', () => {
    for (const v of [undefined, null, 0, -5, NaN, Infinity, '', '  ', 'soon', {}, [], true]) {
      expect(lifetimeSeconds(v)).toBeUndefined();
      expect(expiresAtFrom(v, now)).toBeUndefined();
    }
  });
});

describe('signature primitives', () => {
  it('computes HMAC-SHA256 as hex or base64', () => {
    // RFC 4231 test case 2.
    expect(hmacSha256('Jefe', 'what do ya want for nothing?', 'hex')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    expect(hmacSha256('Jefe', Buffer.from('what do ya want for nothing?'), 'base64')).toBe(
      Buffer.from('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843', 'hex').toString('base64'),
    );
  });

  it('compares equal strings only, whatever their lengths', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('', '')).toBe(true);
    expect(safeEqual('é', 'e\u0301')).toBe(false);
  });
});

describe('instantFromUnixSeconds', () => {
  it('reads Unix seconds, as a number or a numeric string, fractions rounded to the millisecond', () => {
    expect(instantFromUnixSeconds(1764665400)).toBe('2025-12-02T08:50:00.000Z');
    expect(instantFromUnixSeconds('1764665400.000')).toBe('2025-12-02T08:50:00.000Z');
    expect(instantFromUnixSeconds(1764665400.5)).toBe('2025-12-02T08:50:00.500Z');
    expect(instantFromUnixSeconds(1.0004)).toBe('1970-01-01T00:00:01.000Z');
    expect(instantFromUnixSeconds(1.0006)).toBe('1970-01-01T00:00:01.001Z');
  });

  it.each([undefined, null, '', 'soon', 0, -5, {}, NaN])('is undefined for %p', (value) => {
    expect(instantFromUnixSeconds(value)).toBeUndefined();
  });
});
