/**
 * refreshCredentials for Square: ObtainToken with grant_type=refresh_token, client_id and client_secret (code
 * flow; SPEC ObtainToken). Square answers a new 30-day access token and "the same refresh token provided in the
 * request" (SPEC), so the refresh token is kept (the answer's, should Square ever rotate it) and the call may be
 * resent after an ambiguous failure. The app's client id/secret come from hub configuration (ctx.app).
 */
import { ACCESS_TOKEN_EXPIRES_AT, AuthError, REFRESH_TOKEN_EXPIRES_AT, type ConnectContext } from '@stock-sync/plugin-sdk';
import { apiBaseUrl } from '../square-api';
import { obtainToken } from './token-endpoint';

export async function refreshSquareCredentials(ctx: ConnectContext): Promise<Record<string, string>> {
  const c = ctx.credentials;
  const refreshToken = c.refreshToken;
  if (!refreshToken)
    throw new AuthError(
      'the Square access token needs renewing and no refreshToken is stored: reconnect the seller through the install flow',
    );
  if (!ctx.app)
    throw new AuthError(
      'the Square access token needs renewing but the hub has no Square app (client id/secret) configured: configure it, or reconnect the seller',
    );
  const token = await obtainToken({
    http: ctx.http,
    // The OAuth API is served from the API's origin (connect.squareup.com, or the sandbox's).
    origin: apiBaseUrl(c),
    app: ctx.app,
    grant: { grant_type: 'refresh_token', refresh_token: refreshToken },
    what: 'the token refresh',
    secrets: [refreshToken, c.accessToken ?? ''],
    idempotent: true,
  });
  const next: Record<string, string> = {
    ...c,
    accessToken: token.accessToken,
    refreshToken: token.refreshToken,
    [ACCESS_TOKEN_EXPIRES_AT]: token.accessTokenExpiresAt,
  };
  if (token.refreshTokenExpiresAt) next[REFRESH_TOKEN_EXPIRES_AT] = token.refreshTokenExpiresAt;
  else delete next[REFRESH_TOKEN_EXPIRES_AT];
  return next;
}
