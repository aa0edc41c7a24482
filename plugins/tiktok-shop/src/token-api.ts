/**
 * TikTok Shop's authorization server (the "auth host", https://auth.tiktok-shops.com), which departs from
 * RFC 6749 in every detail (TikTok's "Generate a test access token" guide; the community client
 * EcomPHP/tiktokshop-php src/Auth.php makes the same calls):
 *   GET /api/v2/token/get?app_key&app_secret&auth_code&grant_type=authorized_code   ("not the standard OAuth 2.0
 *       spelling authorization_code")
 *   GET /api/v2/token/refresh?app_key&app_secret&refresh_token&grant_type=refresh_token
 *   → {code: 0, message: "success", data: {access_token, access_token_expire_in, refresh_token,
 *      refresh_token_expire_in, open_id, seller_name, seller_base_region, user_type, granted_scopes}, request_id}
 * `*_expire_in` are Unix timestamps (seconds), not durations; the access token lives seven days by default.
 * A non-zero `code` is a refusal; which codes TikTok uses for a spent or expired refresh token / code is not
 * published (unverified): every non-zero code of these two calls is read as a refused grant (AuthError with
 * TikTok's code and message), so the store goes to needs_reconnect instead of retrying a grant that cannot work.
 */
import { AuthError, Transient, type HttpClient, type HttpResponse, type OAuthApp, type PluginError } from '@stock-sync/plugin-sdk';
import { isEnvelope, type TikTokEnvelope } from './tiktok-types';

export const DEFAULT_AUTH_BASE_URL = 'https://auth.tiktok-shops.com';
export const TOKEN_GET_PATH = '/api/v2/token/get';
export const TOKEN_REFRESH_PATH = '/api/v2/token/refresh';

export interface TikTokTokenData {
  access_token: string;
  access_token_expire_in: number;
  refresh_token: string;
  refresh_token_expire_in: number;
  open_id?: string;
  seller_name?: string;
  seller_base_region?: string;
  user_type?: number;
  granted_scopes?: string[];
}

/** The lifecycle credentials of a token answer: both tokens and when each stops working (ISO 8601). */
export interface TikTokTokens {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: string;
  refreshTokenExpiresAt: string;
}

/** A refusal of the grant (non-zero code, any status below 500 but 429) → AuthError with TikTok's words. */
export function classifyTokenResponse(res: HttpResponse): { error?: PluginError } | undefined {
  if (res.status >= 500 || res.status === 429) return undefined;
  const env = res.data;
  if (!isEnvelope(env) || env.code === 0) return undefined;
  const words = `${env.code}: ${String(env.message ?? '').slice(0, 200)}`;
  return {
    error: new AuthError(`TikTok Shop refused the token request (${words}): connect the shop again`, {
      status: res.status,
      code: env.code,
      requestId: env.request_id,
    }),
  };
}

/** A Unix timestamp in seconds (TikTok's `*_expire_in`) → ISO 8601; anything else is not an answer we can use. */
export function isoFromUnixSeconds(value: unknown, field: string): string {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n <= 0) throw new Transient(`TikTok Shop's token answer has no usable ${field}`);
  return new Date(n * 1000).toISOString();
}

export function tokensFrom(data: unknown): TikTokTokens {
  const d = (data ?? {}) as Partial<TikTokTokenData>;
  if (typeof d.access_token !== 'string' || d.access_token === '' || typeof d.refresh_token !== 'string' || d.refresh_token === '') {
    throw new Transient('TikTok Shop answered the token request without access_token and refresh_token');
  }
  return {
    accessToken: d.access_token,
    refreshToken: d.refresh_token,
    accessTokenExpiresAt: isoFromUnixSeconds(d.access_token_expire_in, 'access_token_expire_in'),
    refreshTokenExpiresAt: isoFromUnixSeconds(d.refresh_token_expire_in, 'refresh_token_expire_in'),
  };
}

/** One call to the auth host; `authBase` is the real host or the sandbox origin (with any path prefix). */
export async function tokenCall(
  http: HttpClient,
  authBase: string,
  path: typeof TOKEN_GET_PATH | typeof TOKEN_REFRESH_PATH,
  app: Pick<OAuthApp, 'clientId' | 'clientSecret'>,
  grant: { auth_code: string; grant_type: 'authorized_code' } | { refresh_token: string; grant_type: 'refresh_token' },
): Promise<{ tokens: TikTokTokens; data: TikTokTokenData }> {
  const secret = 'auth_code' in grant ? grant.auth_code : grant.refresh_token;
  const client = http.extend({ classify: classifyTokenResponse, secrets: [app.clientSecret, secret].filter((s) => s !== '') });
  // Sent once, never retried: a code or a rotated refresh token is spent by the first request that arrives.
  const res = await client.request<TikTokEnvelope<TikTokTokenData>>({
    method: 'GET',
    url: `${authBase.replace(/\/+$/, '')}${path}`,
    params: { app_key: app.clientId, app_secret: app.clientSecret, ...grant },
    headers: { accept: 'application/json' },
  });
  if (!isEnvelope(res.data))
    throw new Transient(`TikTok Shop's auth host answered ${path} with something that is not an API response (HTTP ${res.status})`);
  return { tokens: tokensFrom(res.data.data), data: res.data.data as TikTokTokenData };
}
