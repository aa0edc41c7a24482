/**
 * Squarespace's token endpoint, POST https://login.squarespace.com/api/1/login/oauth/provider/tokens, for both the
 * code exchange and the refresh (https://developers.squarespace.com/commerce-apis/oauth):
 *  - the client authenticates with HTTP Basic `client_id:client_secret`; the grant travels as JSON
 *    ({grant_type: "authorization_code", code, redirect_uri} / {grant_type: "refresh_token", refresh_token});
 *  - the answer gives `access_token`, `refresh_token` and their expiries as instants in Unix seconds
 *    (`access_token_expires_at`, `refresh_token_expires_at`), not RFC 6749's `expires_in` (read as a fallback);
 *  - every Squarespace request carries a User-Agent naming the app (commerce-apis/making-requests).
 * The exact refusal body of a spent or revoked refresh token is **unverified**: RFC 6749 `invalid_grant`-style
 * codes and Squarespace's error object (`{type, message}`) on a 4xx (not 429) are both read as AuthError.
 */
import { AuthError, Transient, type HttpClient, type HttpResponse, type OAuthApp, type PluginError } from '@stock-sync/plugin-sdk';
import { USER_AGENT } from '../manifest';
import { errorBodyOf } from '../squarespace-types';

export const TOKENS_PATH = '/api/1/login/oauth/provider/tokens';

export interface SquarespaceTokenAnswer {
  accessToken: string;
  refreshToken?: string;
  accessTokenExpiresAt: string;
  refreshTokenExpiresAt?: string;
}

const RFC_REFUSALS = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client']);

/** Squarespace's words for a refused grant, or undefined when the body is no known refusal. */
export function refusalOf(data: unknown): string | undefined {
  if (typeof data === 'object' && data !== null) {
    const { error, error_description: description } = data as { error?: unknown; error_description?: unknown };
    if (typeof error === 'string' && RFC_REFUSALS.has(error))
      return typeof description === 'string' && description !== '' ? `${error}: ${description}` : error;
  }
  const body = errorBodyOf(data);
  return body ? `${body.type}: ${body.message}` : undefined;
}

export function classifyTokenAnswer(what: string): (res: HttpResponse) => { error?: PluginError } | undefined {
  return (res) => {
    if (res.status < 400 || res.status === 429 || res.status >= 500) return undefined;
    const reason = refusalOf(res.data);
    if (reason === undefined) return undefined;
    return { error: new AuthError(`Squarespace refused ${what} (${reason}): reconnect the site`, { status: res.status, reason }) };
  };
}

/** Unix seconds (a number or a numeric string, fractions allowed) → ISO 8601; anything else → undefined. */
export function instantFromUnixSeconds(value: unknown): string | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) && n > 0 ? new Date(Math.round(n * 1000)).toISOString() : undefined;
}

export function readTokenAnswer(data: unknown, what: string, now: number): SquarespaceTokenAnswer {
  const body = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const accessToken = body.access_token;
  const expiresIn = typeof body.expires_in === 'number' || typeof body.expires_in === 'string' ? Number(body.expires_in) : NaN;
  const accessTokenExpiresAt =
    instantFromUnixSeconds(body.access_token_expires_at) ??
    (Number.isFinite(expiresIn) && expiresIn > 0 ? new Date(now + expiresIn * 1000).toISOString() : undefined);
  if (typeof accessToken !== 'string' || accessToken === '' || !accessTokenExpiresAt) {
    // Never echo the body: it holds tokens.
    throw new Transient(`Squarespace answered ${what} without an access_token and its expiry`);
  }
  const answer: SquarespaceTokenAnswer = { accessToken, accessTokenExpiresAt };
  if (typeof body.refresh_token === 'string' && body.refresh_token !== '') answer.refreshToken = body.refresh_token;
  const refreshTokenExpiresAt = instantFromUnixSeconds(body.refresh_token_expires_at);
  if (refreshTokenExpiresAt) answer.refreshTokenExpiresAt = refreshTokenExpiresAt;
  return answer;
}

export interface TokensCall {
  http: HttpClient;
  /** Origin of the login host (login.squarespace.com, or the operator's sandbox origin). */
  origin: string;
  app: Pick<OAuthApp, 'clientId' | 'clientSecret'>;
  grant: Record<string, string>;
  what: string;
  secrets: string[];
  now?: () => number;
}

/** RFC 6749 §2.3.1: each part form-urlencoded before the Basic pair is built. */
export function basicAuthorization(app: Pick<OAuthApp, 'clientId' | 'clientSecret'>): string {
  const part = (s: string) => encodeURIComponent(s);
  return `Basic ${Buffer.from(`${part(app.clientId)}:${part(app.clientSecret)}`).toString('base64')}`;
}

export async function postTokens(call: TokensCall): Promise<SquarespaceTokenAnswer> {
  const http = call.http.extend({
    baseURL: call.origin,
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      authorization: basicAuthorization(call.app),
    },
    classify: classifyTokenAnswer(call.what),
    secrets: [call.app.clientSecret, basicAuthorization(call.app), ...call.secrets].filter((s) => s !== ''),
  });
  // Sent once: a code, or a refresh token Squarespace may rotate, is spent by the first request that reaches it.
  const res = await http.request({ method: 'POST', url: TOKENS_PATH, body: JSON.stringify(call.grant) });
  return readTokenAnswer(res.data, call.what, (call.now ?? Date.now)());
}
