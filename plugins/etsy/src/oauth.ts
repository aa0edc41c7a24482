/**
 * How a merchant connects an Etsy shop (the `oauth` part) and how its one-hour token is renewed, from
 * https://developers.etsy.com/documentation/essentials/authentication (README "Connecting"): the SDK's standard
 * flow as a public client with PKCE S256, and the refresh on refreshTokenGrant (the refresh token is rotated).
 * Quirk (code): the token answer names no shop, so the exchange reads getMe for the shop id.
 */
import { ACCESS_TOKEN_EXPIRES_AT, REFRESH_TOKEN_EXPIRES_AT, Rejected } from '@stock-sync/plugin-api';
import { exchangeCode, expiresAtFrom, refreshTokenGrant } from '@stock-sync/plugin-sdk';
import type { ConnectContext, ConnectedStore, OAuthExchangeContext, PluginOAuth, TokenResponse } from '@stock-sync/plugin-api';
import { createEtsyClassifier } from './classify-response';
import { clientIdOf, createEtsyApi } from './etsy-api';
import { ACCESS_TOKEN_SECONDS, OAUTH_AUTHORIZE_URL, OAUTH_SCOPES, OAUTH_TOKEN_URL, REFRESH_TOKEN_SECONDS } from './manifest';

/** The credentials of a freshly connected shop, before getMe names it (shopId is filled in after). */
function credentialsFromToken(token: TokenResponse, ctx: OAuthExchangeContext, issuedAt: number): Record<string, string> {
  if (typeof token.refresh_token !== 'string' || token.refresh_token === '') {
    throw new Rejected('Etsy answered the code exchange without a refresh_token');
  }
  return {
    apiKey: ctx.app.clientId,
    sharedSecret: ctx.app.clientSecret,
    accessToken: token.access_token as string,
    refreshToken: token.refresh_token,
    [ACCESS_TOKEN_EXPIRES_AT]: expiresAtFrom(token.expires_in ?? ACCESS_TOKEN_SECONDS, issuedAt)!,
    [REFRESH_TOKEN_EXPIRES_AT]: expiresAtFrom(REFRESH_TOKEN_SECONDS, issuedAt)!,
  };
}

const TOKEN_REQUEST = { clientAuthentication: 'none', encoding: 'form' } as const;

export function createEtsyOAuth(now: () => number = Date.now): PluginOAuth {
  const spec = {
    authorizeUrl: OAUTH_AUTHORIZE_URL,
    tokenUrl: OAUTH_TOKEN_URL,
    scopes: OAUTH_SCOPES,
    scopeDelimiter: ' ',
    pkce: 'S256',
    tokenRequest: TOKEN_REQUEST,
  } as const;
  const standard: PluginOAuth = {
    ...spec,
    toConnectedStore: (token, ctx) => ({ externalStoreId: 'unknown', credentials: credentialsFromToken(token, ctx, now()) }),
  };
  return {
    ...spec,
    tokenLifetime: {
      accessTokenSeconds: ACCESS_TOKEN_SECONDS,
      refreshTokenSeconds: REFRESH_TOKEN_SECONDS,
      // Ten minutes ahead of the hour.
      refreshAheadSeconds: 600,
      source: 'https://developers.etsy.com/documentation/essentials/authentication',
    },
    async exchange(ctx): Promise<ConnectedStore> {
      const store = await exchangeCode(standard, { ...ctx, http: ctx.http.extend({ classify: createEtsyClassifier() }) });
      // getMe → shop_id: the shop the token's user owns (an Etsy account without a shop cannot be synced).
      const me = await createEtsyApi({ credentials: store.credentials, http: ctx.http, log: ctx.log }).getMe();
      if (me?.shop_id === null || me?.shop_id === undefined) throw new Rejected('the Etsy account that approved the app has no shop');
      const shopId = String(me.shop_id);
      return { externalStoreId: shopId, credentials: { ...store.credentials, shopId } };
    },
  };
}

/**
 * refreshCredentials as the store's own app (its keystring: a refresh token belongs to the app that obtained it),
 * else the hub's configured Etsy app; at the store's sandbox baseUrl when it has one (README "Connecting").
 */
export function refreshEtsyCredentials(ctx: ConnectContext, now: () => number = Date.now): Promise<Record<string, string>> {
  const c = ctx.credentials;
  const baseUrl = ctx.app?.baseUrl ?? c.baseUrl;
  const app = { clientId: clientIdOf(c.apiKey) || ctx.app?.clientId || '', clientSecret: c.sharedSecret || ctx.app?.clientSecret || '' };
  return refreshTokenGrant(
    { ...ctx, http: ctx.http.extend({ classify: createEtsyClassifier() }) },
    {
      platform: 'Etsy',
      tokenUrl: OAUTH_TOKEN_URL,
      app: baseUrl ? { ...app, baseUrl } : app,
      tokenRequest: TOKEN_REQUEST,
      lifetime: { accessTokenSeconds: ACCESS_TOKEN_SECONDS, refreshTokenSeconds: REFRESH_TOKEN_SECONDS },
      now,
    },
  );
}
