/**
 * refreshCredentials for Etsy: the OAuth 2.0 refresh-token grant
 * (https://developers.etsy.com/documentation/essentials/authentication, "Requesting a Refresh OAuth Token"):
 *   POST https://api.etsy.com/v3/public/oauth/token, form-encoded
 *   grant_type=refresh_token & client_id=<keystring> & refresh_token=<refresh token>
 *   → { access_token, token_type: "Bearer", expires_in: 3600, refresh_token }
 * through the SDK's refreshTokenGrant: Etsy is a public client here (client_id alone, no secret in the body),
 * rotates the refresh token (the one sent is spent; the host stores the returned full set), and answers a
 * revoked, expired or spent refresh token with 400 invalid_grant → AuthError. Etsy's rate headers are read on
 * the token endpoint too. Sent once (never replayed: a spent refresh token could only be refused).
 */
import { refreshTokenGrant, type ConnectContext, type OAuthApp } from '@stock-sync/plugin-sdk';
import { createEtsyClassifier } from './classify-response';
import { ACCESS_TOKEN_SECONDS, OAUTH_TOKEN_URL, REFRESH_TOKEN_SECONDS } from './manifest';

/** The keystring alone: apiKey may hold 'keystring:shared_secret' (the x-api-key form). */
export function clientIdOf(apiKey: string | undefined): string {
  return (apiKey ?? '').split(':', 1)[0] ?? '';
}

/**
 * The app identity for the grant: the store's own keystring (a refresh token belongs to the app that obtained
 * it — a store posted with another app's keystring than the hub's configured one must still renew), else the
 * hub's configured Etsy app. A store pointed at a sandbox (its baseUrl) refreshes there too, never at the real Etsy.
 */
function appFor(ctx: ConnectContext): OAuthApp {
  const c = ctx.credentials;
  const clientId = clientIdOf(c.apiKey) || ctx.app?.clientId || '';
  const clientSecret = c.sharedSecret || ctx.app?.clientSecret || '';
  const baseUrl = ctx.app?.baseUrl ?? c.baseUrl;
  return baseUrl ? { clientId, clientSecret, baseUrl } : { clientId, clientSecret };
}

export async function refreshEtsyCredentials(ctx: ConnectContext, now: () => number = Date.now): Promise<Record<string, string>> {
  return refreshTokenGrant(
    { ...ctx, http: ctx.http.extend({ classify: createEtsyClassifier() }) },
    {
      platform: 'Etsy',
      tokenUrl: OAUTH_TOKEN_URL,
      app: appFor(ctx),
      tokenRequest: { clientAuthentication: 'none', encoding: 'form' },
      lifetime: { accessTokenSeconds: ACCESS_TOKEN_SECONDS, refreshTokenSeconds: REFRESH_TOKEN_SECONDS },
      now,
    },
  );
}
