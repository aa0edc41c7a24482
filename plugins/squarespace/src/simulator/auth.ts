/**
 * The Commerce API's checks before a route runs: a Bearer API key or OAuth token (401 otherwise) and
 * a User-Agent ("required", developers.squarespace.com/commerce-apis/making-requests).
 */
import type { SimRequest, SimResponse } from '@stock-sync/plugin-testkit/simulator';
import { sqspError } from './errors';

export function authenticateSquarespace(req: SimRequest, creds: Record<string, string>, revoked: boolean): SimResponse | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (revoked || !m || m[1] !== creds.apiKey)
    return sqspError(undefined, 401, 'AUTHORIZATION_ERROR', null, 'The API key or OAuth token is invalid or has been revoked.');
  if (!req.headers['user-agent'])
    return sqspError(undefined, 400, 'INVALID_REQUEST_ERROR', 'MISSING_ARGUMENT', 'A User-Agent header is required.');
  return undefined;
}
