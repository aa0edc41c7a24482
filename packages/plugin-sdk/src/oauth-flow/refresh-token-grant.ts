/**
 * refreshTokenGrant: the standard RFC 6749 §6 refresh for a plugin's `refreshCredentials`. Sends
 * grant_type=refresh_token with the store's refresh token, authenticates the client as the plugin says, and
 * returns the store's FULL new credential set: the new access token, the new refresh token when the platform
 * rotates it (else the old one, kept), and the expiry of each computed from the answer (or the documented
 * lifetime when the answer is silent) by an injected clock. A refused grant is an AuthError with the
 * platform's reason (the store then needs a person to reconnect it).
 */
import type { ConnectContext } from '../contract';
import { AuthError, Transient } from '../errors';
import { ACCESS_TOKEN_EXPIRES_AT, REFRESH_TOKEN_EXPIRES_AT, type OAuthApp } from '../oauth';
import { expiresAtFrom, lifetimeSeconds } from './expires-at';
import { oauthUrl } from './oauth-url';
import { postTokenRequest, type TokenRequestOptions } from './token-request';

export interface RefreshTokenGrantOptions {
  /** The platform's name, for messages ('Shopify'). */
  platform: string;
  /** The token endpoint; `{name}` placeholders are filled from the store's credentials (e.g. {shop}). */
  tokenUrl: string;
  tokenRequest?: TokenRequestOptions;
  /** The app identity; default `ctx.app` (hub configuration). */
  app?: OAuthApp;
  /** Credential field names (default 'accessToken' / 'refreshToken'). */
  accessTokenField?: string;
  refreshTokenField?: string;
  /** Extra body parameters the platform wants on a refresh. */
  params?: Readonly<Record<string, string>>;
  /** Documented lifetimes, used when the answer carries no expires_in / refresh_token_expires_in. */
  lifetime?: { accessTokenSeconds?: number; refreshTokenSeconds?: number };
  /** Clock (tests); default Date.now. */
  now?: () => number;
}

export async function refreshTokenGrant(ctx: ConnectContext, options: RefreshTokenGrantOptions): Promise<Record<string, string>> {
  const accessField = options.accessTokenField ?? 'accessToken';
  const refreshField = options.refreshTokenField ?? 'refreshToken';
  const current = ctx.credentials;
  const refreshToken = current[refreshField];
  if (!refreshToken) throw new AuthError(`no ${refreshField} is stored for this ${options.platform} store: reconnect it`);
  const app = options.app ?? ctx.app;
  if (!app) throw new AuthError(`no OAuth app (client id / secret) is configured for ${options.platform}: the token cannot be refreshed`);
  const now = options.now ?? Date.now;

  const token = await postTokenRequest({
    http: ctx.http,
    url: oauthUrl(options.tokenUrl, current, app).toString(),
    params: { ...options.params, grant_type: 'refresh_token', refresh_token: refreshToken },
    app,
    options: options.tokenRequest,
    what: `the ${options.platform} token refresh`,
    secrets: [refreshToken],
  });
  const issuedAt = now();
  const accessToken = token.access_token;
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new Transient(`${options.platform} answered the token refresh without an access_token`);
  }

  const next: Record<string, string> = { ...current, [accessField]: accessToken };
  const accessExpiry = expiresAtFrom(lifetimeSeconds(token.expires_in) ?? options.lifetime?.accessTokenSeconds, issuedAt);
  if (accessExpiry) next[ACCESS_TOKEN_EXPIRES_AT] = accessExpiry;
  else delete next[ACCESS_TOKEN_EXPIRES_AT];

  const rotated = typeof token.refresh_token === 'string' && token.refresh_token !== '';
  if (rotated) {
    next[refreshField] = token.refresh_token as string;
    const refreshExpiry = expiresAtFrom(lifetimeSeconds(token.refresh_token_expires_in) ?? options.lifetime?.refreshTokenSeconds, issuedAt);
    if (refreshExpiry) next[REFRESH_TOKEN_EXPIRES_AT] = refreshExpiry;
    else delete next[REFRESH_TOKEN_EXPIRES_AT];
  }
  return next;
}
