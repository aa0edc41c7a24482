/**
 * refreshCredentials for Etsy: the OAuth 2.0 refresh-token grant
 * (https://developers.etsy.com/documentation/essentials/authentication, "Requesting a Refresh OAuth Token"):
 *   POST https://api.etsy.com/v3/public/oauth/token, form-encoded
 *   grant_type=refresh_token & client_id=<keystring> & refresh_token=<refresh token>
 *   → { access_token, token_type: "Bearer", expires_in: 3600, refresh_token }
 * Etsy rotates the refresh token: the one sent is spent, so the returned one must be stored — the host
 * replaces the whole credential set with what this returns. Sent once, not marked idempotent: replaying a
 * spent refresh token after an ambiguous failure could only be refused.
 */
import { AuthError, Transient, type ConnectContext, type HttpResponse, type PluginError } from '@stock-sync/plugin-sdk';
import { createEtsyClassifier } from './classify-response';
import { DEFAULT_OAUTH_BASE_URL, OAUTH_TOKEN_PATH } from './manifest';

interface TokenResponse {
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
  token_type?: unknown;
}

/** OAuth error codes (RFC 6749 §5.2) that mean "this grant will never work": a person must reconnect. */
const REFUSED_GRANT_ERRORS = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client']);

/** The keystring alone: apiKey may hold 'keystring:shared_secret' (the x-api-key form). */
export function clientIdOf(apiKey: string | undefined): string {
  return (apiKey ?? '').split(':', 1)[0] ?? '';
}

/** A refused grant is an AuthError whatever its status (Etsy answers invalid_grant with 400). */
export function classifyTokenResponse(res: HttpResponse): { error?: PluginError } | undefined {
  if (res.status < 400 || res.status === 429 || res.status >= 500) return undefined;
  const code = (res.data as { error?: unknown } | null)?.error;
  if (typeof code === 'string' && REFUSED_GRANT_ERRORS.has(code)) {
    return { error: new AuthError(`Etsy refused to refresh the access token (${code}): reconnect the shop`, { status: res.status, error: code }) };
  }
  return undefined;
}

export async function refreshEtsyCredentials(ctx: ConnectContext): Promise<Record<string, string>> {
  const c = ctx.credentials;
  const refreshToken = c.refreshToken;
  if (!refreshToken) throw new AuthError('the Etsy access token was refused and no refreshToken is stored: reconnect the shop');
  const base = (c.baseUrl ?? DEFAULT_OAUTH_BASE_URL).replace(/\/+$/, '');
  const etsyRates = createEtsyClassifier();
  const http = ctx.http.extend({
    baseURL: base,
    headers: { accept: 'application/json' },
    // Etsy's rate headers first, then the grant's own refusal.
    classify: (res) => classifyTokenResponse(res) ?? etsyRates(res),
    secrets: [refreshToken],
  });
  const res = await http.request<TokenResponse>({
    method: 'POST',
    url: OAUTH_TOKEN_PATH,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', client_id: clientIdOf(c.apiKey), refresh_token: refreshToken }).toString(),
  });
  const data = res.data ?? {};
  const accessToken = data.access_token;
  const newRefreshToken = data.refresh_token;
  if (typeof accessToken !== 'string' || accessToken === '' || typeof newRefreshToken !== 'string' || newRefreshToken === '') {
    throw new Transient('Etsy answered the token refresh without an access_token and refresh_token');
  }
  const next: Record<string, string> = { ...c, accessToken, refreshToken: newRefreshToken };
  const expiresIn = Number(data.expires_in);
  if (Number.isFinite(expiresIn) && expiresIn > 0) next.accessTokenExpiresAt = new Date(Date.now() + expiresIn * 1000).toISOString();
  else delete next.accessTokenExpiresAt;
  return next;
}
