/**
 * The expiry the hub keeps queryable (stores.credentials_expire_at): the well-known `accessTokenExpiresAt`
 * credential field (ISO 8601, set by plugins whose tokens expire). Copied whenever credentials are stored, so
 * the refresh-ahead sweep never decrypts a store to learn when it expires.
 */
import { ACCESS_TOKEN_EXPIRES_AT } from '@stock-sync/plugin-sdk';
import type { ValidationDetail } from '../http/api-errors';

/** ISO 8601 with a zone, e.g. 2026-12-02T13:00:00.000Z. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** When the access token in `credentials` expires; null when the set does not say (long-lived). */
export function credentialsExpireAt(credentials: Readonly<Record<string, string>>): Date | null {
  const raw = credentials[ACCESS_TOKEN_EXPIRES_AT];
  if (raw === undefined || !ISO_INSTANT.test(raw)) return null;
  // A real calendar day (2026-02-30 is refused, never read as 2 March).
  const [y, m, d] = raw.slice(0, 10).split('-').map(Number) as [number, number, number];
  if (new Date(Date.UTC(y, m - 1, d)).getUTCDate() !== d || m < 1 || m > 12) return null;
  const at = new Date(raw);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** A submitted accessTokenExpiresAt that is not an ISO 8601 instant: the 400 detail naming it. */
export function expiryProblem(credentials: Readonly<Record<string, string>>): ValidationDetail | undefined {
  const raw = credentials[ACCESS_TOKEN_EXPIRES_AT];
  if (raw === undefined || credentialsExpireAt(credentials)) return undefined;
  const path = `credentials.${ACCESS_TOKEN_EXPIRES_AT}`;
  return { path, message: `${path} must be an ISO 8601 date-time with a zone (e.g. 2026-12-02T13:00:00Z)` };
}
