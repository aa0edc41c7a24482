/**
 * refreshCredentials for BASE: the refresh-token grant (base_api_v1_oauth_refresh_token.md):
 *   POST https://api.thebase.in/1/oauth/token, form: grant_type=refresh_token, client_id, client_secret,
 *   refresh_token, redirect_uri (all 必須) → {access_token, token_type:"bearer", expires_in:3600, refresh_token}
 * through the SDK's refreshTokenGrant, with BASE's own refusal words read as AuthError (token-errors.ts) and
 * the documented 30-day refresh-token lifetime (the answer does not carry it). The answer always has a
 * refresh_token: the plugin stores it (whether the sent one stays valid is unverified).
 */
import { AuthError, refreshTokenGrant, type ConnectContext } from '@stock-sync/plugin-sdk';
import { ACCESS_TOKEN_SECONDS, OAUTH_TOKEN_URL, REFRESH_TOKEN_SECONDS } from './manifest';
import { classifyBaseTokenResponse } from './token-errors';

export async function refreshBaseCredentials(ctx: ConnectContext, now: () => number = Date.now): Promise<Record<string, string>> {
  const redirectUri = ctx.credentials.redirectUri;
  if (!redirectUri) {
    // BASE refuses a refresh without the registered callback URL; the connect flow stores it.
    throw new AuthError(
      'the BASE refresh grant needs redirectUri (the registered callback URL), which this store lacks: connect the shop again',
    );
  }
  // A store pointed at a sandbox (its baseUrl) refreshes there too, never at the real BASE.
  const sandbox = ctx.credentials.baseUrl;
  const app = ctx.app && sandbox && !ctx.app.baseUrl ? { ...ctx.app, baseUrl: sandbox } : ctx.app;
  return refreshTokenGrant(
    { ...ctx, http: ctx.http.extend({ classify: classifyBaseTokenResponse }) },
    {
      platform: 'BASE',
      tokenUrl: OAUTH_TOKEN_URL,
      app,
      params: { redirect_uri: redirectUri },
      lifetime: { accessTokenSeconds: ACCESS_TOKEN_SECONDS, refreshTokenSeconds: REFRESH_TOKEN_SECONDS },
      now,
    },
  );
}
