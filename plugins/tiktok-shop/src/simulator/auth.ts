/**
 * TikTok Shop's gate, in the order the API applies it as far as the sources show: the common query
 * parameters (app_key, timestamp no older than 5 minutes, sign), then the seller's access token
 * (x-tts-access-token). Every refusal is HTTP 401 with TikTok's `{code, message, request_id, data: null}`
 * body (a captured real answer: 401, code 106001 "Invalid credentials. The 'sign' query parameter is invalid.").
 */
import type { SimRequest, SimResponse } from '@stock-sync/plugin-testkit/simulator';
import { TIMESTAMP_TOLERANCE_SECONDS } from '../manifest';
import { answer, CODES } from './responses';
import { signMatches } from './signature-check';

const invalidParam = (name: string) => answer(401, CODES.INVALID_SIGN, `Invalid credentials. The '${name}' query parameter is invalid.`);

/**
 * `issued`: access tokens the OAuth kit issued through the authorization flow (sandbox, simulator/oauth.ts) are
 * accepted here; whether one has expired or was revoked is the route guard's check, on the simulator clock.
 */
export function authenticateTikTok(
  req: SimRequest,
  creds: Record<string, string>,
  revoked: boolean,
  now: () => number = Date.now,
  issued: (token: string) => boolean = () => false,
): SimResponse | undefined {
  const q = req.query;
  if (q.app_key !== creds.appKey) return invalidParam('app_key');
  const ts = typeof q.timestamp === 'string' && /^\d{1,12}$/.test(q.timestamp) ? Number(q.timestamp) : Number.NaN;
  if (!Number.isFinite(ts) || Math.abs(now() / 1000 - ts) > TIMESTAMP_TOLERANCE_SECONDS) return invalidParam('timestamp');
  if (!signMatches(req, creds.appSecret)) return invalidParam('sign');
  const token = req.headers['x-tts-access-token'];
  if (revoked || (token !== creds.accessToken && !(token !== undefined && issued(token)))) {
    return answer(401, CODES.INVALID_ACCESS_TOKEN, 'Invalid credentials. The access token is invalid or has been revoked.');
  }
  return undefined;
}
