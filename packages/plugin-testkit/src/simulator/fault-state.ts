/** Fault switches and how a request consumes them. */
import type { FaultRequest, FaultState } from './types';

export function createFaultState(): FaultState {
  return {
    rateLimit: { remaining: 0, retryAfterSeconds: 1 },
    serverError: { remaining: 0, status: 503 },
    delay: { remaining: 0, ms: 0 },
    revoked: false,
  };
}

export function clearFaults(f: FaultState): void {
  Object.assign(f, createFaultState());
}

const SERVER_ERROR_STATUSES = new Set([500, 502, 503, 504]);

function count(n: unknown, what: string): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number >= 0`);
  return n;
}

/** Applies a fault request (the body of POST /__sim/faults, or the programmatic controls). */
export function applyFaults(f: FaultState, req: FaultRequest): void {
  if (req.clear) clearFaults(f);
  if (req.rateLimit) {
    const retry = req.rateLimit.retryAfterSeconds;
    if (typeof retry !== 'number' || !(retry >= 0)) throw new RangeError('rateLimit.retryAfterSeconds must be a number >= 0');
    const header = req.rateLimit.retryAfterHeader;
    if (header !== undefined && typeof header !== 'boolean') throw new RangeError('rateLimit.retryAfterHeader must be a boolean');
    f.rateLimit = {
      remaining: count(req.rateLimit.count, 'rateLimit.count'),
      retryAfterSeconds: retry,
      ...(header === false ? { retryAfterHeader: false } : {}),
    };
  }
  if (req.serverError) {
    const status = req.serverError.status ?? 503;
    if (!SERVER_ERROR_STATUSES.has(status)) throw new RangeError('serverError.status must be 500, 502, 503 or 504');
    f.serverError = { remaining: count(req.serverError.count, 'serverError.count'), status };
  }
  if (req.delay) {
    f.delay = { remaining: count(req.delay.count, 'delay.count'), ms: count(req.delay.ms, 'delay.ms') };
  }
  if (typeof req.revoke === 'boolean') f.revoked = req.revoke;
  // Kept by the OAuth kit beside the shop's state (inspection-routes.ts applies it); checked here with the rest.
  if (req.denyConsent !== undefined && typeof req.denyConsent !== 'boolean') throw new RangeError('denyConsent must be a boolean');
}
