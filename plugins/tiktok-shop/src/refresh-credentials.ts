/**
 * refreshCredentials for TikTok Shop: GET https://auth.tiktok-shops.com/api/v2/token/refresh
 * ?app_key&app_secret&refresh_token&grant_type=refresh_token (token-api.ts) → a new access token (seven days) and
 * a refresh token, with their expiry as Unix timestamps. The app is the store's own (appKey / appSecret, which
 * signed and obtained its tokens). The returned refresh token replaces the stored one. A refused refresh (any
 * non-zero code) is an AuthError with TikTok's code and message.
 * TikTok documents these calls as GET, which the SDK client may send again after a 5xx: if TikTok spent the
 * refresh token on an answer that was lost, the retry is refused and the store needs reconnecting (whether TikTok
 * invalidates the old refresh token at once is unverified).
 */
import { ACCESS_TOKEN_EXPIRES_AT, AuthError, REFRESH_TOKEN_EXPIRES_AT, type ConnectContext } from '@stock-sync/plugin-sdk';
import { authBaseFor } from './oauth';
import { tokenCall, TOKEN_REFRESH_PATH } from './token-api';

export async function refreshTikTokCredentials(ctx: ConnectContext): Promise<Record<string, string>> {
  const c = ctx.credentials;
  const refreshToken = c.refreshToken;
  if (!refreshToken) throw new AuthError('no refreshToken is stored for this TikTok Shop store: connect it again');
  if (!c.appKey || !c.appSecret) throw new AuthError('the TikTok Shop store lacks appKey / appSecret: connect it again');
  const { tokens } = await tokenCall(
    ctx.http,
    authBaseFor(ctx.app, c.baseUrl),
    TOKEN_REFRESH_PATH,
    { clientId: c.appKey, clientSecret: c.appSecret },
    {
      refresh_token: refreshToken,
      grant_type: 'refresh_token',
    },
  );
  return {
    ...c,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    [ACCESS_TOKEN_EXPIRES_AT]: tokens.accessTokenExpiresAt,
    [REFRESH_TOKEN_EXPIRES_AT]: tokens.refreshTokenExpiresAt,
  };
}
