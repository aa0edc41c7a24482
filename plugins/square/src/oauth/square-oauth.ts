/**
 * How a seller connects Square to the hub: Square's OAuth code flow
 * (https://developer.squareup.com/docs/oauth-api/overview):
 *  1. the seller opens https://connect.squareup.com/oauth2/authorize?client_id&scope&state&redirect_uri
 *     (scopes space-separated, SPEC securitySchemes.oauth2; the standard parameters, so the host builds it);
 *  2. Square sends the browser back with ?code&response_type=code&state (or error=access_denied);
 *  3. ObtainToken turns the code into a 30-day access token and a refresh token (token-endpoint.ts) — a
 *     quirk (`exchange`): JSON body, `expires_at` instead of `expires_in`, and the location still to find;
 *  4. the location: the one the seller named when connecting, else the seller's main location
 *     (RetrieveLocation accepts "main": SPEC GET /v2/locations/{location_id}).
 * Square's callback is not signed (the state check stands alone). Decisions and sources: README.md "Connecting".
 */
import { AuthError, NotFound, sandboxBase, type ConnectedStore, type OAuthExchangeContext, type PluginOAuth } from '@stock-sync/plugin-sdk';
import { DEFAULT_BASE_URL } from '../manifest';
import { createSquareApi } from '../square-api';
import { obtainToken } from './token-endpoint';

/** What the plugin calls (README "Auth"): catalog and inventory read/write, and the location check. */
export const SQUARE_OAUTH_SCOPES = Object.freeze([
  'ITEMS_READ',
  'ITEMS_WRITE',
  'INVENTORY_READ',
  'INVENTORY_WRITE',
  'MERCHANT_PROFILE_READ',
]);

export const AUTHORIZE_URL = `${DEFAULT_BASE_URL}/oauth2/authorize`;
export const TOKEN_URL = `${DEFAULT_BASE_URL}/oauth2/token`;

/** "OAuth access tokens expire in 30 days" (SPEC ObtainTokenResponse.access_token). */
export const ACCESS_TOKEN_SECONDS = 30 * 24 * 3600;
/**
 * Square: "automatically renew OAuth access tokens every 7 days or less" — a token is renewed once it is 7
 * days old, i.e. 23 days before it expires (https://developer.squareup.com/docs/oauth-api/refresh-revoke-limit-scope).
 */
export const REFRESH_AHEAD_SECONDS = ACCESS_TOKEN_SECONDS - 7 * 24 * 3600;

/** RetrieveLocation's alias of the seller's main location (SPEC location_id: 'Specify the string "main"'). */
export const MAIN_LOCATION = 'main';

/** Where the OAuth API lives for this app: the operator's sandbox base (origin + prefix), else Square's origin. */
export function oauthOrigin(app: Pick<OAuthExchangeContext['app'], 'baseUrl'>): string {
  if (!app.baseUrl) return DEFAULT_BASE_URL;
  const { origin, prefix } = sandboxBase(app.baseUrl);
  return `${origin}${prefix}`;
}

async function locationOf(ctx: OAuthExchangeContext, accessToken: string, baseUrl: string | undefined): Promise<string> {
  const wanted = (ctx.inputs.locationId ?? '').trim() || MAIN_LOCATION;
  const api = createSquareApi({ credentials: { accessToken, ...(baseUrl ? { baseUrl } : {}) }, http: ctx.http, log: ctx.log });
  try {
    const res = await api.request<{ location?: { id?: unknown } }>({ method: 'GET', url: `/v2/locations/${encodeURIComponent(wanted)}` });
    const id = res.data?.location?.id;
    if (typeof id !== 'string' || id === '') throw new AuthError(`Square answered RetrieveLocation '${wanted}' without a location id`);
    return id;
  } catch (e) {
    if (e instanceof AuthError) throw e;
    if (e instanceof NotFound) {
      throw new AuthError(
        `the Square seller has no location '${wanted}' (locationId): name one of the seller's locations and connect again`,
        { locationId: wanted },
      );
    }
    throw e;
  }
}

export async function exchangeSquareCode(ctx: OAuthExchangeContext): Promise<ConnectedStore> {
  const code = ctx.callback.query.code;
  if (!code) throw new AuthError('the Square callback carries no authorization code');
  const origin = oauthOrigin(ctx.app);
  const token = await obtainToken({
    http: ctx.http,
    origin,
    app: ctx.app,
    grant: { grant_type: 'authorization_code', code, redirect_uri: ctx.redirectUri },
    what: 'the authorization code',
    secrets: [code],
    // A code is spent by the first request that reaches Square.
    idempotent: false,
  });
  if (!token.merchantId) throw new AuthError('Square answered the code exchange without a merchant_id');
  // In a sandbox the API lives where the OAuth API does (Square's sandbox serves both from one origin).
  const baseUrl = ctx.app.baseUrl ? origin : undefined;
  const locationId = await locationOf(ctx, token.accessToken, baseUrl);
  const credentials: Record<string, string> = {
    accessToken: token.accessToken,
    refreshToken: token.refreshToken,
    accessTokenExpiresAt: token.accessTokenExpiresAt,
    locationId,
  };
  if (token.refreshTokenExpiresAt) credentials.refreshTokenExpiresAt = token.refreshTokenExpiresAt;
  if (baseUrl) credentials.baseUrl = baseUrl;
  return { credentials, externalStoreId: token.merchantId };
}

export const squareOAuth: PluginOAuth = {
  connectFields: [
    {
      name: 'locationId',
      secret: false,
      required: false,
      description: "The Square location whose stock the hub keeps; empty: the seller's main location.",
    },
  ],
  authorizeUrl: AUTHORIZE_URL,
  tokenUrl: TOKEN_URL,
  scopes: SQUARE_OAUTH_SCOPES,
  scopeDelimiter: ' ',
  tokenRequest: { clientAuthentication: 'body', encoding: 'json' },
  tokenLifetime: {
    accessTokenSeconds: ACCESS_TOKEN_SECONDS,
    refreshAheadSeconds: REFRESH_AHEAD_SECONDS,
    source: 'https://developer.squareup.com/docs/oauth-api/refresh-revoke-limit-scope',
  },
  exchange: exchangeSquareCode,
};
