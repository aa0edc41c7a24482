/**
 * Ecwid's token check: `Authorization: Bearer <token>` (or the legacy `?token=` query parameter).
 * A missing, wrong or revoked token answers 403 INVALID_API_TOKEN (docs.ecwid.com REST API error
 * codes); a token used for another store id is refused the same way (it belongs to one store).
 */
import type { SimRequest, SimResponse } from '@stock-sync/plugin-testkit/simulator';
import { invalidToken } from './errors';

function presentedToken(req: SimRequest): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (m) return m[1];
  return typeof req.query.token === 'string' ? req.query.token : undefined;
}

export function authenticateEcwid(req: SimRequest, creds: Record<string, string>, revoked: boolean): SimResponse | undefined {
  const token = presentedToken(req);
  if (revoked || !token || token !== creds.accessToken) return invalidToken();
  const store = /^\/api\/v3\/([^/]+)/.exec(req.path)?.[1];
  if (store !== undefined && store !== creds.storeId) return invalidToken();
  return undefined;
}
