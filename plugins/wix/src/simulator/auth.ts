/**
 * Wix REST auth: the token in `Authorization` as is (an app access token or an API key; a `Bearer `
 * prefix is tolerated), and with an API key the site in `wix-site-id`. Missing, wrong or revoked →
 * 401 UNAUTHENTICATED; a key used for another site → 403 (README: exact bodies unverified).
 */
import type { SimRequest, SimResponse } from '@stock-sync/plugin-testkit/simulator';
import { appError, unauthenticated } from './errors';

export function authenticateWix(req: SimRequest, creds: Record<string, string>, revoked: boolean): SimResponse | undefined {
  const token = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '').trim();
  if (revoked || !token || token !== creds.accessToken) return unauthenticated();
  if (creds.siteId && req.headers['wix-site-id'] !== creds.siteId)
    return appError(403, 'FORBIDDEN', 'The API key has no access to this site (wix-site-id)');
  return undefined;
}
