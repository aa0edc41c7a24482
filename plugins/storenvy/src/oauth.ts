/**
 * Connecting a Storenvy store by its OAuth dialog (https://www.storenvy.com/oauth/authorize) and renewing its token:
 * the SDK's standard code grant and refresh_token grant at https://api.storenvy.com/oauth/token, the store from
 * GET /v1/store.json. Low confidence: beyond the authorize step all is unverified (README "Connecting").
 */
import { ACCESS_TOKEN_EXPIRES_AT, AuthError } from '@stock-sync/plugin-api';
import { expiresAtFrom, idText, refreshTokenGrant } from '@stock-sync/plugin-sdk';
import type { ConnectContext, PluginOAuth, TokenResponse } from '@stock-sync/plugin-api';
import { createStorenvyApi, getStore } from './storenvy-api';

const STORENVY_TOKEN_URL = 'https://api.storenvy.com/oauth/token';

/** access_token, and refresh_token / expires_in when Storenvy sends them (the answer's shape is unverified). */
export function credentialsFromToken(token: TokenResponse, now: number): Record<string, string> {
  const accessToken = idText(token.access_token);
  if (!accessToken) throw new AuthError('Storenvy token answer has no access_token');
  const refreshToken = idText(token.refresh_token);
  const expiresAt = expiresAtFrom(token.expires_in, now);
  return { accessToken, ...(refreshToken && { refreshToken }), ...(expiresAt && { [ACCESS_TOKEN_EXPIRES_AT]: expiresAt }) };
}

/**
 * The store an install connected, from GET /v1/store.json with the new token. Its field names are not shown on
 * the stored pages: `data.store` (the envelope's resource key, as list answers nest `data.variants`) or `data`
 * itself, and `id`, else `subdomain`, else `url` (community code reads url) — unverified; none → a loud failure.
 */
export function storeIdentity(body: unknown): string {
  const data = typeof body === 'object' && body !== null ? (body as { data?: Record<string, unknown> }).data : undefined;
  const nested = data?.store;
  const store = typeof nested === 'object' && nested !== null ? (nested as Record<string, unknown>) : data;
  const id = idText(store?.id) ?? idText(store?.subdomain) ?? idText(store?.url);
  if (id) return id;
  throw new AuthError('Storenvy: GET /v1/store named no store (no id, subdomain or url) for the new token');
}

export const oauth: PluginOAuth = {
  authorizeUrl: 'https://www.storenvy.com/oauth/authorize',
  tokenUrl: STORENVY_TOKEN_URL,
  scopes: ['user', 'store_read', 'store_write'],
  scopeDelimiter: ' ',
  stateInCallback: false,
  tokenLifetime: {
    // Not documented by Storenvy: the expiry comes from each answer's expires_in when present.
    source: 'https://developers.storenvy.com/authentication',
  },
  async toConnectedStore(token, ctx) {
    const credentials = credentialsFromToken(token, Date.now());
    const store = await getStore(createStorenvyApi(ctx.http, credentials.accessToken!, ctx.app.baseUrl));
    return { credentials, externalStoreId: storeIdentity(store) };
  },
};

/** The SDK's refresh_token grant (unverified for Storenvy); no refresh token issued → AuthError, reconnect. */
export const refreshCredentials = (ctx: ConnectContext): Promise<Record<string, string>> =>
  refreshTokenGrant(ctx, { platform: 'Storenvy', tokenUrl: STORENVY_TOKEN_URL });
