/**
 * Etsy's auth check (https://developers.etsy.com/documentation/essentials/requests and /authentication):
 * every request needs x-api-key — today 'keystring:shared_secret' (a bare keystring is refused with 403
 * "Shared secret is required in x-api-key header") — and every OAuth-scoped call a bearer token
 * '<user_id>.<token>'. A bad or revoked token answers 401 invalid_token. Whether the token is one Etsy
 * issued and still within its hour is checked against the simulator state (sim-oauth.ts); the OAuth
 * token endpoint and the consent page need neither header (the client_id travels in the form / query).
 */
import type { SimRequest, SimResponse } from '@stock-sync/plugin-testkit/simulator';
import { OAUTH_CONNECT_PATH } from './sim-connect-flow';
import { OAUTH_TOKEN_PATH } from './sim-oauth';

/** Calls that need only the application key (no OAuth scope). */
export const KEY_ONLY_PATHS = new Set(['/v3/application/openapi-ping']);

function error(status: number, message: string, extra: Record<string, string> = {}): SimResponse {
  return { status, body: { error: message, ...extra } };
}

export function authenticateEtsy(req: SimRequest, creds: Record<string, string>, revoked: boolean): SimResponse | undefined {
  // The consent page and the token endpoint carry neither header.
  if (req.path === OAUTH_TOKEN_PATH || req.path === OAUTH_CONNECT_PATH) return undefined;
  const key = req.headers['x-api-key'];
  if (!key) return error(403, 'Missing x-api-key header');
  const [keystring, secret] = key.split(':', 2);
  if (keystring !== creds.apiKey) return error(403, 'Invalid API key');
  if (secret === undefined || secret === '') return error(403, 'Shared secret is required in x-api-key header');
  if (secret !== creds.sharedSecret) return error(403, 'Invalid API key: the shared secret does not match');
  if (KEY_ONLY_PATHS.has(req.path)) return undefined;

  const auth = req.headers.authorization ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(auth);
  if (!m) return error(401, 'Missing OAuth bearer token in the authorization header');
  if (revoked) return error(401, 'invalid_token', { error_description: 'The access token is invalid or has been revoked' });
  return undefined;
}
