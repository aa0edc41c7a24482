/**
 * Connecting a Storenvy store by Storenvy's OAuth dialog, and renewing its token. Low confidence: the
 * stored Storenvy page stops after the authorize step; the token request and answer come from community
 * clients (README.md "Connecting", every unverified point named there).
 * - authorize: https://www.storenvy.com/oauth/authorize — client_id, response_type=code, redirect_uri,
 *   scope space-separated (documented);
 * - token: POST https://api.storenvy.com/oauth/token — RFC 6749 authorization_code grant → access_token,
 *   refresh_token, expires_in (the fields node-storenvy reads; unverified);
 * - no state echo documented: the host binds the state to its cookie hop (stateInCallback false);
 * - the store: GET /v1/store.json with the new token (documented call; field names unverified);
 * - refresh: RFC 6749 refresh_token grant at the token URL when a refresh token was issued (unverified).
 */
import {
  ACCESS_TOKEN_EXPIRES_AT,
  AuthError,
  expiresAtFrom,
  refreshTokenGrant,
  type ConnectContext,
  type ConnectedStore,
  type OAuthExchangeContext,
  type PluginOAuth,
  type TokenResponse,
} from '@stock-sync/plugin-sdk';
import { API_PREFIX, DEFAULT_BASE_URL } from './manifest';
import { classifyStorenvyResponse } from './storenvy-api';
import { storeIdentity } from './store-identity';

export const STORENVY_AUTHORIZE_URL = 'https://www.storenvy.com/oauth/authorize';
export const STORENVY_TOKEN_URL = 'https://api.storenvy.com/oauth/token';
export const STORENVY_SCOPES = ['user', 'store_read', 'store_write'] as const;

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** access_token, and refresh_token / expires_in when Storenvy sends them (the answer's shape is unverified). */
export function credentialsFromToken(token: TokenResponse, now: number): Record<string, string> {
  const accessToken = nonEmpty(token.access_token);
  if (!accessToken) throw new AuthError('Storenvy token answer has no access_token');
  const creds: Record<string, string> = { accessToken };
  const refreshToken = nonEmpty(token.refresh_token);
  if (refreshToken) creds.refreshToken = refreshToken;
  const expiresAt = expiresAtFrom(token.expires_in, now);
  if (expiresAt) creds[ACCESS_TOKEN_EXPIRES_AT] = expiresAt;
  return creds;
}

const TOKEN_REQUEST = { clientAuthentication: 'body', encoding: 'form' } as const;

async function storeIdOf(ctx: OAuthExchangeContext, accessToken: string): Promise<string> {
  const root = (ctx.app.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '');
  const api = ctx.http.extend({
    baseURL: `${root}${API_PREFIX}`,
    headers: { Accept: 'application/json' },
    classify: classifyStorenvyResponse,
    secrets: [accessToken],
  });
  const res = await api.request({ method: 'GET', url: '/store.json', params: { access_token: accessToken } });
  return storeIdentity(res.data);
}

/** The standard code grant's answer → the credentials, and the store from GET /v1/store with the new token. */
async function toConnectedStore(token: TokenResponse, ctx: OAuthExchangeContext): Promise<ConnectedStore> {
  const credentials = credentialsFromToken(token, Date.now());
  return { credentials, externalStoreId: await storeIdOf(ctx, credentials.accessToken!) };
}

export const oauth: PluginOAuth = {
  authorizeUrl: STORENVY_AUTHORIZE_URL,
  tokenUrl: STORENVY_TOKEN_URL,
  scopes: STORENVY_SCOPES,
  scopeDelimiter: ' ',
  tokenRequest: TOKEN_REQUEST,
  stateInCallback: false,
  tokenLifetime: {
    // Not documented by Storenvy: the expiry comes from each answer's expires_in when present.
    source: 'https://developers.storenvy.com/authentication',
  },
  toConnectedStore,
};

/** RFC 6749 refresh_token grant at the token URL (unverified for Storenvy); no refresh token → reconnect. */
export async function refreshCredentials(ctx: ConnectContext): Promise<Record<string, string>> {
  if (!nonEmpty(ctx.credentials.refreshToken)) {
    throw new AuthError('Storenvy: no refresh token was issued for this store; reconnect it through the install flow');
  }
  return refreshTokenGrant(ctx, { platform: 'Storenvy', tokenUrl: STORENVY_TOKEN_URL, tokenRequest: TOKEN_REQUEST });
}
