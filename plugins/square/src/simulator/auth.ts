/**
 * Square's auth check as the sandbox applies it: `Authorization: Bearer <access token>`; refusals are 401
 * with AUTHENTICATION_ERROR and Square's code (UNAUTHORIZED, ACCESS_TOKEN_REVOKED).
 */
import type { SimRequest, SimResponse } from '@stock-sync/plugin-testkit/simulator';
import { squareError } from './errors';

export function authenticateSquare(req: SimRequest, creds: Record<string, string>, revoked: boolean): SimResponse | undefined {
  const header = req.headers.authorization ?? '';
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m)
    return squareError(
      401,
      'AUTHENTICATION_ERROR',
      'UNAUTHORIZED',
      'Your request did not include an `Authorization` http header with an access token.',
    );
  if (m[1] !== creds.accessToken) return squareError(401, 'AUTHENTICATION_ERROR', 'UNAUTHORIZED', 'This request could not be authorized.');
  if (revoked) return squareError(401, 'AUTHENTICATION_ERROR', 'ACCESS_TOKEN_REVOKED', 'The access token has been revoked.');
  return undefined;
}
