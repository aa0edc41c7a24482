/**
 * Connecting a Wix site and renewing its token (README "Connecting", every step and its source): the external
 * install flow (the unsigned redirect's check is the hub's single-use state), Create Access Token
 * (client_credentials + instance_id → a four-hour token, no refresh token; every 4xx but 429 is a refused grant,
 * codes unverified) and App Instance Removed, a Wix webhook JWT (webhook-jwt.ts; event type "AppRemoved" unverified).
 */
import { AuthError, Transient } from '@stock-sync/plugin-api';
import { expiresAtFrom, oauthUrl, postTokenRequest } from '@stock-sync/plugin-sdk';
import type { ConnectContext, HttpClient, InboundRequest, OAuthApp, PluginOAuth, UninstallNotice } from '@stock-sync/plugin-api';
import { verifyWixJwt, wixEventOf } from './webhook-jwt';
import { wixErrorCode } from './wix-types';

const INSTALL_URL = 'https://www.wix.com/installer/install';
export const TOKEN_PATH = '/oauth2/token';
const TOKEN_URL = `https://www.wixapis.com${TOKEN_PATH}`;
/** "Time the access token expires in seconds. Always 14400 (4 hours)." */
export const ACCESS_TOKEN_SECONDS = 14_400;

/** A new four-hour access token for one app instance: { accessToken, accessTokenExpiresAt }. */
async function createAccessToken(http: HttpClient, app: OAuthApp, instanceId: string, baseUrl: string | undefined, now: () => number) {
  const token = await postTokenRequest({
    http: http.extend({
      classify(res) {
        if (res.status < 400 || res.status >= 500 || res.status === 429) return undefined;
        const d = (res.data ?? {}) as { message?: unknown; error?: unknown; error_description?: unknown };
        const words = [wixErrorCode(res.data), d.error, d.error_description, d.message].filter((x) => typeof x === 'string' && x !== '');
        return {
          error: new AuthError(
            `Wix refused to create an access token for the app instance (${words.join(': ').slice(0, 200) || `HTTP ${res.status}`}): install the app on the site again`,
            { status: res.status },
          ),
        };
      },
    }),
    // The store's own baseUrl credential, else the app's (both sandbox only), replaces Wix's origin.
    url: oauthUrl(TOKEN_URL, {}, { baseUrl: baseUrl || app.baseUrl }).toString(),
    params: { grant_type: 'client_credentials', instance_id: instanceId },
    app,
    options: { clientAuthentication: 'body', encoding: 'json' },
    what: 'the Wix access token creation',
    secrets: [],
  });
  const issuedAt = now();
  if (typeof token.access_token !== 'string' || token.access_token === '')
    throw new Transient('Wix answered Create Access Token without an access_token');
  return { accessToken: token.access_token, accessTokenExpiresAt: expiresAtFrom(token.expires_in ?? ACCESS_TOKEN_SECONDS, issuedAt)! };
}

/** The next four-hour token for the site's app instance; none without the app or an instanceId (a posted key). */
export async function refreshWixCredentials(ctx: ConnectContext, now: () => number = Date.now): Promise<Record<string, string>> {
  const c = ctx.credentials;
  if (!c.instanceId)
    throw new AuthError(
      'this Wix site has no instanceId (connected without the install flow): its token cannot be renewed, connect it again',
    );
  if (!ctx.app) throw new AuthError('no Wix app (app id / secret) is configured in the hub: the access token cannot be renewed');
  return { ...c, ...(await createAccessToken(ctx.http, ctx.app, c.instanceId, c.baseUrl, now)) };
}

/** A verified App Instance Removed event → the notice for that instance; anything else → null. */
export function verifyAppRemoved(req: InboundRequest, publicKeyPem: string | undefined, nowSeconds: number): UninstallNotice | null {
  if (!publicKeyPem || req.method.toUpperCase() !== 'POST') return null;
  const event = wixEventOf(verifyWixJwt(req.rawBody.toString('utf8'), publicKeyPem, nowSeconds));
  if (!event || event.eventType !== 'AppRemoved') return null;
  return { externalStoreId: event.instanceId, reason: 'the app was removed from the Wix site (App Instance Removed event)' };
}

export function createWixOAuth(now: () => number = Date.now): PluginOAuth {
  return {
    authorizeUrl: INSTALL_URL,
    tokenUrl: TOKEN_URL,
    // Wix grants the permissions configured in the app dashboard; the install URL carries no scope.
    scopes: [],
    tokenLifetime: {
      accessTokenSeconds: ACCESS_TOKEN_SECONDS,
      refreshAheadSeconds: 1_800,
      source: 'https://dev.wix.com/docs/rest/app-management/oauth-2/create-access-token',
    },
    authorizeUrlFor(req) {
      const callback = new URL(req.redirectUri);
      callback.searchParams.set('state', req.state);
      const url = oauthUrl(INSTALL_URL, {}, req.app);
      url.searchParams.set('appId', req.app.clientId);
      // URLSearchParams encodes it as a URI component, as the page requires.
      url.searchParams.set('postInstallationUrl', callback.toString());
      return url.toString();
    },
    async exchange(ctx) {
      const { appId, instanceId } = ctx.callback.query;
      if (appId !== undefined && appId !== ctx.app.clientId) throw new AuthError('the Wix install callback names another app');
      if (!instanceId) throw new AuthError('the Wix install callback carries no instanceId (the app was not installed)');
      const token = await createAccessToken(ctx.http, ctx.app, instanceId, undefined, now);
      return { externalStoreId: instanceId, credentials: { ...token, instanceId } };
    },
    verifyUninstall: (req, app) => verifyAppRemoved(req, app.publicKey, Math.floor(now() / 1000)),
  };
}
