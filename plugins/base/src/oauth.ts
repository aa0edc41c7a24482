/**
 * Connecting a BASE shop and renewing its token: RFC 6749 (client credentials in the form, scopes space-separated,
 * no PKCE, no callback signature documented) with BASE's quirks (README.md "Connecting"): refusals in its own words,
 * redirect_uri required on refresh, no shop in the token answer (read from /1/users/me). A refresh always answers a
 * new refresh token (stored); whether the sent one stays valid is unverified.
 */
import { ACCESS_TOKEN_EXPIRES_AT, AuthError, REFRESH_TOKEN_EXPIRES_AT, Rejected } from '@stock-sync/plugin-api';
import { exchangeCode, expiresAtFrom, refreshTokenGrant } from '@stock-sync/plugin-sdk';
import type { ConnectContext, HttpResponse, PluginError, PluginOAuth } from '@stock-sync/plugin-api';
import { baseRefusal, createBaseApi } from './base-api';
import { ACCESS_TOKEN_SECONDS, DEFAULT_BASE_URL, OAUTH_TOKEN_PATH, REFRESH_TOKEN_SECONDS } from './manifest';

const OAUTH_TOKEN_URL = `${DEFAULT_BASE_URL}${OAUTH_TOKEN_PATH}`;

/**
 * A spent, unknown or expired refresh token (or code) is a 400 `invalid_request` with one of these Japanese
 * descriptions (エラーレスポンスの例), which the SDK's RFC 6749 classifier does not know.
 */
const SPENT_GRANT = [
  '不正なリフレッシュトークンです。', // invalid refresh token
  'リフレッシュトークンの有効期限が切れています。', // refresh token expired
  '不正な認可コードです。', // invalid authorization code
  '認可コードの有効期限が切れています。', // authorization code expired
];

/** unauthorized_client: unknown or suspended client; access_denied: "ユーザーが存在しません。" (the user is gone). */
const REFUSED_CODES = new Set(['unauthorized_client', 'access_denied', 'invalid_grant', 'invalid_client']);

/** A refusal only reconnecting fixes → AuthError with BASE's reason; a malformed request of ours stays Rejected. */
function classifyBaseTokenResponse(res: HttpResponse): { error?: PluginError } | undefined {
  const body = baseRefusal(res);
  if (!body) return undefined;
  const spent = body.error === 'invalid_request' && SPENT_GRANT.includes(body.error_description);
  if (!spent && !REFUSED_CODES.has(body.error)) return undefined;
  const details = { status: res.status, error: body.error };
  return { error: new AuthError(`BASE refused the token request (${body.reason}): connect the shop again`, details) };
}

/**
 * The standard exchange with BASE's refusal words; the token answer names no shop, so its credentials read
 * users/me → user.shop_id (not a secret) at the same origin (the sandbox's, when the app has one).
 */
export function createBaseOAuth(now: () => number = Date.now): PluginOAuth {
  const spec: PluginOAuth = {
    authorizeUrl: `${DEFAULT_BASE_URL}/1/oauth/authorize`,
    tokenUrl: OAUTH_TOKEN_URL,
    // read_users is granted by default (verify reads /1/users/me); the stock calls need the item scopes.
    scopes: ['read_users', 'read_items', 'write_items'],
    tokenLifetime: {
      accessTokenSeconds: ACCESS_TOKEN_SECONDS,
      refreshTokenSeconds: REFRESH_TOKEN_SECONDS,
      // Ten minutes ahead of the hour: a sweep that runs every few minutes always finds it in time.
      refreshAheadSeconds: 600,
      source: 'https://github.com/baseinc/api-docs/blob/27601232cf645e3a54f4547b540c56a8623c7f8e/base_api_v1_oauth_access_token.md',
    },
    async toConnectedStore(token, ctx) {
      if (typeof token.refresh_token !== 'string' || token.refresh_token === '') {
        throw new Rejected('BASE answered the code exchange without a refresh_token');
      }
      const issuedAt = now();
      // Exactly the plugin's credential fields.
      const credentials = {
        accessToken: token.access_token as string,
        refreshToken: token.refresh_token,
        redirectUri: ctx.redirectUri,
        [ACCESS_TOKEN_EXPIRES_AT]: expiresAtFrom(token.expires_in ?? ACCESS_TOKEN_SECONDS, issuedAt)!,
        [REFRESH_TOKEN_EXPIRES_AT]: expiresAtFrom(REFRESH_TOKEN_SECONDS, issuedAt)!,
      };
      const api = createBaseApi({ credentials: { ...credentials, baseUrl: ctx.app.baseUrl ?? '' }, http: ctx.http, log: ctx.log });
      const res = await api.request<{ user?: { shop_id?: unknown } }>({ method: 'GET', url: '/users/me' });
      const shopId = res.data?.user?.shop_id;
      if (typeof shopId !== 'string' || shopId === '') throw new Rejected('BASE answered /1/users/me without user.shop_id');
      return { credentials, externalStoreId: shopId };
    },
  };
  return { ...spec, exchange: (ctx) => exchangeCode(spec, { ...ctx, http: ctx.http.extend({ classify: classifyBaseTokenResponse }) }) };
}

/** refreshCredentials: the SDK's refresh grant with BASE's refusal words and its required redirect_uri. */
export async function refreshBaseCredentials(ctx: ConnectContext, now: () => number = Date.now): Promise<Record<string, string>> {
  const redirectUri = ctx.credentials.redirectUri;
  if (!redirectUri) {
    throw new AuthError(
      'the BASE refresh grant needs redirectUri (the registered callback URL), which this store lacks: connect the shop again',
    );
  }
  // A store pointed at a sandbox (its baseUrl) refreshes there too, never at the real BASE.
  const sandbox = ctx.credentials.baseUrl;
  const app = ctx.app && sandbox && !ctx.app.baseUrl ? { ...ctx.app, baseUrl: sandbox } : ctx.app;
  return refreshTokenGrant(
    { ...ctx, http: ctx.http.extend({ classify: classifyBaseTokenResponse }) },
    {
      platform: 'BASE',
      tokenUrl: OAUTH_TOKEN_URL,
      app,
      params: { redirect_uri: redirectUri },
      lifetime: { accessTokenSeconds: ACCESS_TOKEN_SECONDS, refreshTokenSeconds: REFRESH_TOKEN_SECONDS },
      now,
    },
  );
}
