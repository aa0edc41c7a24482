/**
 * Square's ObtainToken (POST /oauth2/token), the one endpoint of both the code exchange and the refresh
 * (SPEC ObtainToken; https://developer.squareup.com/reference/square/oauth-api/obtain-token):
 *  - a JSON body {client_id, client_secret, grant_type, code | refresh_token, redirect_uri?} — the client
 *    authenticates in the body (code flow), not with HTTP Basic;
 *  - the answer names the expiry as an instant, `expires_at` (ISO 8601), not RFC 6749's `expires_in`, and the
 *    seller as `merchant_id`;
 *  - code flow: the refresh token is multi-use and never expires, and a refresh "returns the same refresh
 *    token" (SPEC ObtainTokenResponse.refresh_token), so resending after an ambiguous failure is harmless;
 *  - a refused grant is not RFC 6749 §5.2-shaped: Square's forum shows `{message: "Invalid refresh token",
 *    type: "service.not_authorized"}` (https://developer.squareup.com/forums/t/getting-error-while-renew-token/11056);
 *    the v2 error body `{errors:[{category: "AUTHENTICATION_ERROR", …}]}` and RFC codes are read too. The
 *    exact status and body of a refusal are **unverified**: any of these shapes on a 4xx is an AuthError.
 */
import { AuthError, Transient, type HttpClient, type HttpResponse, type OAuthApp, type PluginError } from '@stock-sync/plugin-sdk';
import { squareErrors } from '../square-api';

export const OBTAIN_TOKEN_PATH = '/oauth2/token';

/** What Square's ObtainTokenResponse carries that the plugin uses (SPEC ObtainTokenResponse). */
export interface SquareTokenAnswer {
  accessToken: string;
  refreshToken: string;
  /** ISO 8601 instant, as Square sent it, normalised. */
  accessTokenExpiresAt: string;
  /** Only with the PKCE flow (SPEC `refresh_token_expires_at`). */
  refreshTokenExpiresAt?: string;
  merchantId?: string;
}

const RFC_REFUSALS = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client']);

/** Square's own words for a refused grant, or undefined when the body is none of the known refusal shapes. */
export function refusalOf(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const body = data as { type?: unknown; message?: unknown; error?: unknown; error_description?: unknown };
  if (typeof body.type === 'string' && body.type.startsWith('service.not_authorized')) {
    return typeof body.message === 'string' && body.message !== '' ? `${body.type}: ${body.message}` : body.type;
  }
  if (typeof body.error === 'string' && RFC_REFUSALS.has(body.error)) {
    return typeof body.error_description === 'string' && body.error_description !== ''
      ? `${body.error}: ${body.error_description}`
      : body.error;
  }
  const auth = squareErrors(data).filter((e) => e.category === 'AUTHENTICATION_ERROR');
  if (auth.length > 0) return auth.map((e) => (e.detail ? `${e.code}: ${e.detail}` : e.code)).join('; ');
  return undefined;
}

/** A refused grant is an AuthError (a person must reconnect) whatever its 4xx status; 429 and 5xx stay retryable. */
export function classifyTokenAnswer(what: string): (res: HttpResponse) => { error?: PluginError } | undefined {
  return (res) => {
    if (res.status < 400 || res.status === 429 || res.status >= 500) return undefined;
    const reason = refusalOf(res.data);
    if (reason === undefined) return undefined;
    return { error: new AuthError(`Square refused ${what} (${reason}): reconnect the seller`, { status: res.status, reason }) };
  };
}

/** An ISO 8601 instant, or undefined when Square sent none or an unreadable one. */
export function instantOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const t = Date.parse(value);
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}

export function readTokenAnswer(data: unknown, what: string): SquareTokenAnswer {
  const body = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const accessToken = body.access_token;
  const refreshToken = body.refresh_token;
  const accessTokenExpiresAt = instantOf(body.expires_at);
  if (
    typeof accessToken !== 'string' ||
    accessToken === '' ||
    typeof refreshToken !== 'string' ||
    refreshToken === '' ||
    !accessTokenExpiresAt
  ) {
    // Never echo the body: it may hold a token.
    throw new Transient(`Square answered ${what} without an access_token, refresh_token and expires_at`);
  }
  const answer: SquareTokenAnswer = { accessToken, refreshToken, accessTokenExpiresAt };
  const refreshTokenExpiresAt = instantOf(body.refresh_token_expires_at);
  if (refreshTokenExpiresAt) answer.refreshTokenExpiresAt = refreshTokenExpiresAt;
  if (typeof body.merchant_id === 'string' && body.merchant_id !== '') answer.merchantId = body.merchant_id;
  return answer;
}

export interface ObtainTokenCall {
  http: HttpClient;
  /** Origin of the OAuth API (connect.squareup.com, the sandbox's, or a simulator's). */
  origin: string;
  app: Pick<OAuthApp, 'clientId' | 'clientSecret'>;
  /** The grant: {grant_type: 'authorization_code', code, redirect_uri} or {grant_type: 'refresh_token', refresh_token}. */
  grant: Record<string, string>;
  /** For messages: 'the authorization code' / 'the token refresh'. */
  what: string;
  /** Values of this call that must never reach a log line or an error (code, tokens). */
  secrets: string[];
  /** Safe to send again after an ambiguous failure (a code-flow refresh is: its refresh token is multi-use). */
  idempotent: boolean;
}

export async function obtainToken(call: ObtainTokenCall): Promise<SquareTokenAnswer> {
  const http = call.http.extend({
    baseURL: call.origin,
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    classify: classifyTokenAnswer(call.what),
    secrets: [call.app.clientSecret, ...call.secrets].filter((s) => s !== ''),
  });
  const res = await http.request({
    method: 'POST',
    url: OBTAIN_TOKEN_PATH,
    body: JSON.stringify({ client_id: call.app.clientId, client_secret: call.app.clientSecret, ...call.grant }),
    idempotent: call.idempotent,
  });
  return readTokenAnswer(res.data, call.what);
}
