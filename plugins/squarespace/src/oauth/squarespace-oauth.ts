/**
 * How a site connects Squarespace to the hub: Squarespace's OAuth 2.0 code flow
 * (https://developers.squarespace.com/commerce-apis/oauth):
 *  1. the site owner opens https://login.squarespace.com/api/1/login/oauth/provider/authorize?client_id&redirect_uri
 *     &scope&state&access_type=offline (`access_type=offline` asks for a refresh token; scopes comma-separated);
 *  2. Squarespace sends the browser back with ?code&state;
 *  3. the tokens endpoint (token-endpoint.ts) turns the code into a short-lived access token and a refresh token
 *     — a quirk (`exchange`): HTTP Basic client authentication, JSON, expiries as Unix-second instants;
 *  4. GET /1.0/authorization/website names the site the token belongs to ("a given API key or OAuth token can
 *     only belong to one website", https://developers.squarespace.com/commerce-apis/retrieve-basic-site-info).
 * The callback is not signed: the state check stands alone. Decisions and sources: README.md "Connecting".
 */
import {
  AuthError,
  sandboxBase,
  type ConnectedStore,
  type OAuthApp,
  type OAuthExchangeContext,
  type PluginOAuth,
} from '@stock-sync/plugin-sdk';
import { DEFAULT_BASE_URL, USER_AGENT } from '../manifest';
import { postTokens } from './token-endpoint';

export const AUTHORIZE_URL = 'https://login.squarespace.com/api/1/login/oauth/provider/authorize';
export const TOKEN_URL = 'https://login.squarespace.com/api/1/login/oauth/provider/tokens';
/** Inventory read and write (commerce-apis/authentication-and-permissions: Inventory API "Read and Write"). */
export const SQUARESPACE_OAUTH_SCOPES = Object.freeze(['website.inventory', 'website.inventory.read']);
export const WEBSITE_PATH = '/1.0/authorization/website';

/**
 * Access tokens are "short-term" (the OAuth page); their expiry comes with every answer
 * (`access_token_expires_at`). 30 minutes is the figure integrations report (**unverified** here); the hub renews
 * from the stored expiry, this number only sizes the sweep's window.
 */
export const ACCESS_TOKEN_SECONDS = 30 * 60;
/** Renew 10 minutes before expiry: one sweep interval of margin for a 30-minute token. */
export const REFRESH_AHEAD_SECONDS = 10 * 60;

export const LOGIN_ORIGIN = 'https://login.squarespace.com';

/** Where the login host lives for this app: the operator's sandbox base (origin + prefix), else Squarespace's. */
export function loginOrigin(app: Pick<OAuthApp, 'baseUrl'>): string {
  if (!app.baseUrl) return LOGIN_ORIGIN;
  const { origin, prefix } = sandboxBase(app.baseUrl);
  return `${origin}${prefix}`;
}

async function websiteIdOf(ctx: OAuthExchangeContext, accessToken: string, apiOrigin: string): Promise<string> {
  const http = ctx.http.extend({
    baseURL: apiOrigin,
    headers: { authorization: `Bearer ${accessToken}`, 'user-agent': USER_AGENT, accept: 'application/json' },
    secrets: [accessToken],
  });
  // Documented answer: {id, siteId, title, url, currency, measurementStandard, …} (evidence authorization-website).
  const res = await http.request<{ id?: unknown }>({ method: 'GET', url: WEBSITE_PATH });
  const id = res.data?.id;
  if (typeof id !== 'string' || id === '') throw new AuthError('Squarespace answered the website lookup without a website id');
  return id;
}

export async function exchangeSquarespaceCode(ctx: OAuthExchangeContext): Promise<ConnectedStore> {
  const code = ctx.callback.query.code;
  if (!code) throw new AuthError('the Squarespace callback carries no authorization code');
  const token = await postTokens({
    http: ctx.http,
    origin: loginOrigin(ctx.app),
    app: ctx.app,
    grant: { grant_type: 'authorization_code', code, redirect_uri: ctx.redirectUri },
    what: 'the authorization code',
    secrets: [code],
  });
  if (!token.refreshToken)
    throw new AuthError(
      'Squarespace issued no refresh token (access_type=offline was not honoured): the hub could not renew the access token',
    );
  // In a sandbox one origin serves the login host and the API (the simulator).
  const apiOrigin = ctx.app.baseUrl ? loginOrigin(ctx.app) : DEFAULT_BASE_URL;
  const websiteId = await websiteIdOf(ctx, token.accessToken, apiOrigin);
  const credentials: Record<string, string> = {
    apiKey: token.accessToken,
    refreshToken: token.refreshToken,
    accessTokenExpiresAt: token.accessTokenExpiresAt,
  };
  if (token.refreshTokenExpiresAt) credentials.refreshTokenExpiresAt = token.refreshTokenExpiresAt;
  if (ctx.app.baseUrl) credentials.baseUrl = apiOrigin;
  return { credentials, externalStoreId: websiteId };
}

export const squarespaceOAuth: PluginOAuth = {
  authorizeUrl: AUTHORIZE_URL,
  tokenUrl: TOKEN_URL,
  scopes: SQUARESPACE_OAUTH_SCOPES,
  scopeDelimiter: ',',
  authorizeParams: { access_type: 'offline' },
  tokenRequest: { clientAuthentication: 'basic', encoding: 'json' },
  tokenLifetime: {
    accessTokenSeconds: ACCESS_TOKEN_SECONDS,
    refreshAheadSeconds: REFRESH_AHEAD_SECONDS,
    source: 'https://developers.squarespace.com/commerce-apis/oauth',
  },
  exchange: exchangeSquarespaceCode,
};
