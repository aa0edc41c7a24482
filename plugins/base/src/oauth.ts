/**
 * How a merchant connects a BASE shop, and how its token is renewed, from BASE API v1's OAuth documents:
 * - consent: GET https://api.thebase.in/1/oauth/authorize?response_type=code&client_id&redirect_uri&scope
 *   (space-separated)&state → the callback gets ?code&state, or ?error=access_denied&state
 *   (base_api_v1_oauth_authorize.md). No PKCE and no callback signature are documented: the hub's single-use
 *   state is the callback's only check.
 * - code exchange: POST /1/oauth/token, form grant_type=authorization_code, client_id, client_secret, code,
 *   redirect_uri → {access_token, token_type, expires_in: 3600, refresh_token} (base_api_v1_oauth_access_token.md);
 *   the access token lives about an hour, the refresh token 30 days.
 * - refresh (base_api_v1_oauth_refresh_token.md): the same endpoint, form grant_type=refresh_token, client_id,
 *   client_secret, refresh_token, redirect_uri (all 必須) → the same answer, always with a refresh_token: the
 *   plugin stores it (whether the sent one stays valid is unverified); the 30-day lifetime is the documented one.
 * Quirks (code): BASE refuses a grant in its own words (classifyBaseTokenResponse), and the token answer names
 * no shop, so the exchange reads /1/users/me with the new token for the shop id that identifies the store.
 */
import {
  ACCESS_TOKEN_EXPIRES_AT,
  AuthError,
  exchangeCode,
  expiresAtFrom,
  REFRESH_TOKEN_EXPIRES_AT,
  refreshTokenGrant,
  Rejected,
  type ConnectContext,
  type ConnectedStore,
  type HttpResponse,
  type OAuthExchangeContext,
  type PluginError,
  type PluginOAuth,
  type TokenResponse,
} from '@stock-sync/plugin-sdk';
import { baseErrorBody, createBaseApi } from './base-api';
import { ACCESS_TOKEN_SECONDS, OAUTH_AUTHORIZE_URL, OAUTH_SCOPES, OAUTH_TOKEN_URL, REFRESH_TOKEN_SECONDS } from './manifest';

const DOCS = 'https://github.com/baseinc/api-docs/blob/27601232cf645e3a54f4547b540c56a8623c7f8e/base_api_v1_oauth_access_token.md';

/**
 * Every token error is HTTP 400 `{error, error_description}`; a spent, unknown or expired refresh token (or
 * code) is `invalid_request` with one of these Japanese descriptions (エラーレスポンスの例), which the SDK's
 * RFC 6749 classifier does not know.
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
export function classifyBaseTokenResponse(res: HttpResponse): { error?: PluginError } | undefined {
  if (res.status < 400 || res.status >= 500 || res.status === 429) return undefined;
  const body = baseErrorBody(res.data);
  if (!body) return undefined;
  const spent = body.error === 'invalid_request' && SPENT_GRANT.includes(body.error_description);
  if (!spent && !REFUSED_CODES.has(body.error)) return undefined;
  const reason = `${body.error}: ${body.error_description}`.slice(0, 200);
  return {
    error: new AuthError(`BASE refused the token request (${reason}): connect the shop again`, { status: res.status, error: body.error }),
  };
}

/** The store's credentials from BASE's token answer: exactly the plugin's credential fields. */
function credentialsFromToken(token: TokenResponse, redirectUri: string, issuedAt: number): Record<string, string> {
  if (typeof token.refresh_token !== 'string' || token.refresh_token === '') {
    throw new Rejected('BASE answered the code exchange without a refresh_token');
  }
  return {
    accessToken: token.access_token as string,
    refreshToken: token.refresh_token,
    redirectUri,
    [ACCESS_TOKEN_EXPIRES_AT]: expiresAtFrom(token.expires_in ?? ACCESS_TOKEN_SECONDS, issuedAt)!,
    [REFRESH_TOKEN_EXPIRES_AT]: expiresAtFrom(REFRESH_TOKEN_SECONDS, issuedAt)!,
  };
}

/** users/me → user.shop_id: the shop the token belongs to (not a secret). */
async function shopIdOf(ctx: OAuthExchangeContext, credentials: Record<string, string>): Promise<string> {
  const api = createBaseApi({ credentials, http: ctx.http, log: ctx.log });
  const res = await api.request<{ user?: { shop_id?: unknown } }>({ method: 'GET', url: '/users/me' });
  const shopId = res.data?.user?.shop_id;
  if (typeof shopId !== 'string' || shopId === '') throw new Rejected('BASE answered /1/users/me without user.shop_id');
  return shopId;
}

export function createBaseOAuth(now: () => number = Date.now): PluginOAuth {
  const spec = {
    authorizeUrl: OAUTH_AUTHORIZE_URL,
    tokenUrl: OAUTH_TOKEN_URL,
    scopes: OAUTH_SCOPES,
    scopeDelimiter: ' ',
    tokenRequest: { clientAuthentication: 'body', encoding: 'form' },
  } as const;
  const standard: PluginOAuth = {
    ...spec,
    toConnectedStore: (token, ctx) => ({ externalStoreId: 'unknown', credentials: credentialsFromToken(token, ctx.redirectUri, now()) }),
  };
  return {
    ...spec,
    tokenLifetime: {
      accessTokenSeconds: ACCESS_TOKEN_SECONDS,
      refreshTokenSeconds: REFRESH_TOKEN_SECONDS,
      // Ten minutes ahead of the hour: a sweep that runs every few minutes always finds it in time.
      refreshAheadSeconds: 600,
      source: DOCS,
    },
    async exchange(ctx): Promise<ConnectedStore> {
      const store = await exchangeCode(standard, { ...ctx, http: ctx.http.extend({ classify: classifyBaseTokenResponse }) });
      return { credentials: store.credentials, externalStoreId: await shopIdOf(ctx, store.credentials) };
    },
  };
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
