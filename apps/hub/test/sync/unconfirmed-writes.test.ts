import { AuthError, NotFound, RateLimited, Rejected, Transient } from '@stock-sync/plugin-sdk';
import { leftWritesInDoubt, mayHaveBeenApplied, VERIFY_UNCONFIRMED_AFTER_SECONDS } from '../../src/sync/unconfirmed-writes';

describe('a write whose effect is unknown', () => {
  it('is one that ended Transient after it may have reached the platform: timeout, reset, 5xx', () => {
    expect(mayHaveBeenApplied(new Transient('timed out', { code: 'ECONNABORTED' }))).toBe(true);
    expect(mayHaveBeenApplied(new Transient('reset', { code: 'ECONNRESET' }))).toBe(true);
    expect(mayHaveBeenApplied(new Transient('HTTP 503', { status: 503 }))).toBe(true);
    expect(mayHaveBeenApplied(new Transient('no details'))).toBe(true);
  });

  it('is not one refused before sending, nor a throttled, refused or unauthorised one', () => {
    expect(mayHaveBeenApplied(new Transient('refused', { code: 'ECONNREFUSED' }))).toBe(false);
    expect(mayHaveBeenApplied(new Transient('dns', { code: 'ENOTFOUND' }))).toBe(false);
    expect(mayHaveBeenApplied(new RateLimited('429', 1000))).toBe(false);
    expect(mayHaveBeenApplied(new Rejected('no'))).toBe(false);
    expect(mayHaveBeenApplied(new NotFound('gone'))).toBe(false);
    expect(mayHaveBeenApplied(new AuthError('401'))).toBe(false);
  });

  it('is verified only after the SDK client has given up on it (its per-attempt timeout is 20 s)', () => {
    expect(VERIFY_UNCONFIRMED_AFTER_SECONDS).toBeGreaterThan(20);
  });

  it('is also left by a run that finished well after an unanswered write attempt it retried (the attempt may land later)', () => {
    expect(leftWritesInDoubt(false, { requests: 4, retries: 1, unanswered: 1 })).toBe(true);
    expect(leftWritesInDoubt(true, { requests: 1, unanswered: 0 })).toBe(true);
    expect(leftWritesInDoubt(true, null)).toBe(true);
    expect(leftWritesInDoubt(false, { requests: 4, retries: 1, unanswered: 0 })).toBe(false);
    expect(leftWritesInDoubt(false, { requests: 4 })).toBe(false);
    expect(leftWritesInDoubt(false, null)).toBe(false);
  });
});
