/**
 * The platform's request checks before any route: the `Authentication: bearer <token>` header (README
 * "Making a request"; some clients send `Authorization: Bearer`, accepted too), the token belonging
 * to the store in the path, and the required User-Agent (README "Identify your app": 400 without it).
 * The exact refusal texts are not documented (README.md of this package: unverified).
 */
import type { SimRequest, SimResponse } from '@stock-sync/plugin-testkit/simulator';
import { nuvemError } from './errors';

export function presentedToken(req: SimRequest): string | undefined {
  const raw = req.headers.authentication ?? req.headers.authorization ?? '';
  const m = /^bearer\s+(\S+)\s*$/i.exec(raw);
  return m?.[1];
}

export function missingUserAgentRefusal(req: SimRequest): SimResponse | undefined {
  if (!(req.headers['user-agent'] ?? '').trim()) return nuvemError(400, 'A User-Agent header identifying your app is required');
  return undefined;
}

/** The store id in `/{version}/{store_id}/…`. */
export function storeIdInPath(path: string): string | undefined {
  return path.split('/')[2];
}

export function authenticateNuvemshop(req: SimRequest, creds: Record<string, string>, revoked: boolean): SimResponse | undefined {
  const noUserAgent = missingUserAgentRefusal(req);
  if (noUserAgent) return noUserAgent;
  const token = presentedToken(req);
  // An uninstalled app's token (revoked) is as invalid as a wrong one.
  if (!token || revoked || token !== creds.accessToken) return nuvemError(401, 'Invalid access token');
  if (storeIdInPath(req.path) !== creds.storeId) return nuvemError(401, 'Invalid access token for this store');
  return undefined;
}
