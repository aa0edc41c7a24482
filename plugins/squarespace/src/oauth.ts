/**
 * Squarespace's OAuth 2.0 code flow (https://developers.squarespace.com/commerce-apis/oauth; README "Connecting").
 * The tokens endpoint is the SDK's postTokenRequest plus the User-Agent Squarespace requires; its quirk, which keeps
 * `exchange` and `refreshCredentials` here, is expiries as Unix-second instants (`expires_in` read as a fallback).
 * The refusal body of a spent or revoked refresh token is **unverified**: RFC 6749 codes (the SDK) and Squarespace's
 * error object on a 4xx (not 429) are both AuthError.
 */
import { ACCESS_TOKEN_EXPIRES_AT, AuthError, REFRESH_TOKEN_EXPIRES_AT, Transient } from '@stock-sync/plugin-api';
import { expiresAtFrom, instantFromUnixSeconds, oauthUrl, postTokenRequest, sandboxBase } from '@stock-sync/plugin-sdk';
import type { ConnectContext, ConnectedStore, HttpClient, OAuthApp, OAuthExchangeContext, PluginOAuth } from '@stock-sync/plugin-api';
import { DEFAULT_BASE_URL, USER_AGENT } from './manifest';
import { errorBodyOf } from './connection';

const TOKEN_URL = 'https://login.squarespace.com/api/1/login/oauth/provider/tokens';
const WEBSITE_URL = `${DEFAULT_BASE_URL}/1.0/authorization/website`;
/** Inventory read and write (commerce-apis/authentication-and-permissions: Inventory API "Read and Write"). */
export const SQUARESPACE_OAUTH_SCOPES = Object.freeze(['website.inventory', 'website.inventory.read']);

/** One call to the tokens endpoint → the credentials it gives (`apiKey` holds the access token). */
async function postTokens(http: HttpClient, app: OAuthApp, params: Record<string, string>, what: string, secrets: string[]) {
  const token = await postTokenRequest({
    http: http.extend({
      headers: { 'user-agent': USER_AGENT },
      classify: (res) => {
        const body = res.status >= 400 && res.status < 500 && res.status !== 429 ? errorBodyOf(res.data) : undefined;
        if (!body) return undefined;
        return { error: new AuthError(`${what} was refused (${body.type}: ${body.message})`, { status: res.status, type: body.type }) };
      },
    }),
    url: oauthUrl(TOKEN_URL, {}, app).toString(),
    params,
    app,
    options: squarespaceOAuth.tokenRequest,
    what,
    secrets,
  });
  const expiresAt = instantFromUnixSeconds(token.access_token_expires_at) ?? expiresAtFrom(token.expires_in, Date.now());
  // Never echo the body: it holds tokens.
  if (typeof token.access_token !== 'string' || token.access_token === '' || !expiresAt)
    throw new Transient(`Squarespace answered ${what} without an access_token and its expiry`);
  const credentials: Record<string, string> = { apiKey: token.access_token, [ACCESS_TOKEN_EXPIRES_AT]: expiresAt };
  if (typeof token.refresh_token === 'string' && token.refresh_token !== '') credentials.refreshToken = token.refresh_token;
  const refreshExpiresAt = instantFromUnixSeconds(token.refresh_token_expires_at);
  if (refreshExpiresAt) credentials[REFRESH_TOKEN_EXPIRES_AT] = refreshExpiresAt;
  return credentials;
}

async function exchange(ctx: OAuthExchangeContext): Promise<ConnectedStore> {
  const code = ctx.callback.query.code;
  if (!code) throw new AuthError('the Squarespace callback carries no authorization code');
  const grant = { grant_type: 'authorization_code', code, redirect_uri: ctx.redirectUri };
  const credentials = await postTokens(ctx.http, ctx.app, grant, 'the Squarespace authorization code', [code]);
  if (!credentials.refreshToken)
    throw new AuthError(
      'Squarespace issued no refresh token (access_type=offline was not honoured): the hub could not renew the access token',
    );
  // In a sandbox one origin serves the login host and the API (the simulator).
  const http = ctx.http.extend({
    headers: { authorization: `Bearer ${credentials.apiKey}`, 'user-agent': USER_AGENT, accept: 'application/json' },
    secrets: [credentials.apiKey],
  });
  // Documented answer: {id, siteId, title, url, currency, measurementStandard, …} (evidence authorization-website).
  const res = await http.request<{ id?: unknown }>({ method: 'GET', url: oauthUrl(WEBSITE_URL, {}, ctx.app).toString() });
  const id = res.data?.id;
  if (typeof id !== 'string' || id === '') throw new AuthError('Squarespace answered the website lookup without a website id');
  if (ctx.app.baseUrl) {
    const { origin, prefix } = sandboxBase(ctx.app.baseUrl);
    credentials.baseUrl = `${origin}${prefix}`;
  }
  return { credentials, externalStoreId: id };
}

/** A rotated refresh token replaces the stored one; otherwise the stored one is kept. */
export async function refreshSquarespaceCredentials(ctx: ConnectContext): Promise<Record<string, string>> {
  const { refreshToken, apiKey } = ctx.credentials;
  if (!refreshToken)
    throw new AuthError(
      'the Squarespace access token needs renewing and no refreshToken is stored (an API key needs none): reconnect the site through the install flow',
    );
  if (!ctx.app)
    throw new AuthError(
      'the Squarespace access token needs renewing but the hub has no Squarespace app (client id/secret) configured: configure it, or reconnect the site',
    );
  const grant = { grant_type: 'refresh_token', refresh_token: refreshToken };
  const secrets = apiKey ? [refreshToken, apiKey] : [refreshToken];
  const fresh = await postTokens(ctx.http, ctx.app, grant, 'the Squarespace token refresh', secrets);
  const next = { ...ctx.credentials, ...fresh };
  // A new refresh token without its expiry: the stored expiry was the old token's.
  if (fresh.refreshToken && !fresh[REFRESH_TOKEN_EXPIRES_AT]) delete next[REFRESH_TOKEN_EXPIRES_AT];
  return next;
}

export const squarespaceOAuth: PluginOAuth = {
  authorizeUrl: 'https://login.squarespace.com/api/1/login/oauth/provider/authorize',
  tokenUrl: TOKEN_URL,
  scopes: SQUARESPACE_OAUTH_SCOPES,
  scopeDelimiter: ',',
  authorizeParams: { access_type: 'offline' },
  tokenRequest: { clientAuthentication: 'basic', encoding: 'json' },
  tokenLifetime: {
    // Access tokens are "short-term" (the OAuth page) and every answer carries their expiry. 30 minutes is the
    // figure integrations report (**unverified** here): it only sizes the sweep's window. Renew 10 minutes ahead.
    accessTokenSeconds: 30 * 60,
    refreshAheadSeconds: 10 * 60,
    source: 'https://developers.squarespace.com/commerce-apis/oauth',
  },
  exchange,
};
