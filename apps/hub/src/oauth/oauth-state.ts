/**
 * The `state` of a connect request: 32 random bytes (BASE64URL), bound to one request, single-use and
 * expiring (connect-requests.ts). Only its SHA-256 is stored, so reading the database never gives a
 * callback that would be accepted.
 */
import { createHash, randomBytes } from 'node:crypto';

export function newState(): string {
  return randomBytes(32).toString('base64url');
}

export function stateHash(state: string): string {
  return createHash('sha256').update(state, 'utf8').digest('hex');
}

/** A state as the hub issues it (43 BASE64URL characters); anything else cannot be one of ours. */
export function looksLikeState(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}
