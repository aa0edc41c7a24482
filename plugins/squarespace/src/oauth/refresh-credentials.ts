/**
 * refreshCredentials for Squarespace: the tokens endpoint with {grant_type: "refresh_token", refresh_token}
 * (HTTP Basic client authentication, JSON; token-endpoint.ts). The answer's refresh token replaces the stored one
 * when Squarespace sends one (rotation); otherwise the stored one is kept. Sent once, never marked idempotent: a
 * rotated refresh token is spent by the first request that reaches Squarespace.
 */
import { ACCESS_TOKEN_EXPIRES_AT, AuthError, REFRESH_TOKEN_EXPIRES_AT, type ConnectContext } from '@stock-sync/plugin-sdk';
import { loginOrigin } from './squarespace-oauth';
import { postTokens } from './token-endpoint';

export async function refreshSquarespaceCredentials(ctx: ConnectContext): Promise<Record<string, string>> {
  const c = ctx.credentials;
  const refreshToken = c.refreshToken;
  if (!refreshToken)
    throw new AuthError(
      'the Squarespace access token needs renewing and no refreshToken is stored (an API key needs none): reconnect the site through the install flow',
    );
  if (!ctx.app)
    throw new AuthError(
      'the Squarespace access token needs renewing but the hub has no Squarespace app (client id/secret) configured: configure it, or reconnect the site',
    );
  const token = await postTokens({
    http: ctx.http,
    origin: loginOrigin(ctx.app),
    app: ctx.app,
    grant: { grant_type: 'refresh_token', refresh_token: refreshToken },
    what: 'the token refresh',
    secrets: [refreshToken, c.apiKey ?? ''],
  });
  const next: Record<string, string> = {
    ...c,
    apiKey: token.accessToken,
    refreshToken: token.refreshToken ?? refreshToken,
    [ACCESS_TOKEN_EXPIRES_AT]: token.accessTokenExpiresAt,
  };
  if (token.refreshTokenExpiresAt) next[REFRESH_TOKEN_EXPIRES_AT] = token.refreshTokenExpiresAt;
  else if (token.refreshToken) delete next[REFRESH_TOKEN_EXPIRES_AT];
  return next;
}
