/**
 * How a merchant connects a BASE shop (the `oauth` part of the plugin), from BASE API v1's OAuth documents:
 * - consent: GET https://api.thebase.in/1/oauth/authorize?response_type=code&client_id&redirect_uri&scope
 *   (space-separated)&state → the callback gets ?code&state, or ?error=access_denied&state
 *   (base_api_v1_oauth_authorize.md). No PKCE and no callback signature are documented: the hub's single-use
 *   state is the callback's only check.
 * - code exchange: POST /1/oauth/token, form grant_type=authorization_code, client_id, client_secret, code,
 *   redirect_uri → {access_token, token_type, expires_in: 3600, refresh_token} (base_api_v1_oauth_access_token.md);
 *   the access token lives about an hour, the refresh token 30 days.
 * Quirk (code): BASE answers a refused code in its own words (token-errors.ts), and the token answer names no
 * shop, so the exchange reads /1/users/me with the new token for the shop id that identifies the store.
 */
import {
  ACCESS_TOKEN_EXPIRES_AT,
  exchangeCode,
  expiresAtFrom,
  REFRESH_TOKEN_EXPIRES_AT,
  Rejected,
  type ConnectedStore,
  type OAuthExchangeContext,
  type PluginOAuth,
  type TokenResponse,
} from '@stock-sync/plugin-sdk';
import { createBaseApi } from './base-api';
import { ACCESS_TOKEN_SECONDS, OAUTH_AUTHORIZE_URL, OAUTH_SCOPES, OAUTH_TOKEN_URL, REFRESH_TOKEN_SECONDS } from './manifest';
import { classifyBaseTokenResponse } from './token-errors';

const DOCS = 'https://github.com/baseinc/api-docs/blob/27601232cf645e3a54f4547b540c56a8623c7f8e/base_api_v1_oauth_access_token.md';

/** The store's credentials from BASE's token answer: exactly the plugin's credential fields. */
export function credentialsFromToken(token: TokenResponse, redirectUri: string, issuedAt: number): Record<string, string> {
  if (typeof token.refresh_token !== 'string' || token.refresh_token === '') {
    throw new Rejected('BASE answered the code exchange without a refresh_token');
  }
  const credentials: Record<string, string> = {
    accessToken: token.access_token as string,
    refreshToken: token.refresh_token,
    redirectUri,
    [ACCESS_TOKEN_EXPIRES_AT]: expiresAtFrom(token.expires_in ?? ACCESS_TOKEN_SECONDS, issuedAt)!,
    [REFRESH_TOKEN_EXPIRES_AT]: expiresAtFrom(REFRESH_TOKEN_SECONDS, issuedAt)!,
  };
  return credentials;
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
  const standard: PluginOAuth = {
    authorizeUrl: OAUTH_AUTHORIZE_URL,
    tokenUrl: OAUTH_TOKEN_URL,
    scopes: OAUTH_SCOPES,
    toConnectedStore: (token, ctx) => ({ externalStoreId: 'unknown', credentials: credentialsFromToken(token, ctx.redirectUri, now()) }),
  };
  return {
    authorizeUrl: OAUTH_AUTHORIZE_URL,
    tokenUrl: OAUTH_TOKEN_URL,
    scopes: OAUTH_SCOPES,
    scopeDelimiter: ' ',
    tokenRequest: { clientAuthentication: 'body', encoding: 'form' },
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
