/**
 * How a merchant connects a Wix site (the `oauth` part of the plugin): Wix's external install flow
 * (https://dev.wix.com/docs/build-apps/launch-your-app/app-distribution/install-your-app/about-the-external-install-flow)
 * and OAuth for apps (https://dev.wix.com/docs/build-apps/develop-your-app/access/authentication/about-oauth):
 * - consent: https://www.wix.com/installer/install?appId=<app id>&postInstallationUrl=<encoded callback URL>;
 *   Wix runs its install flow (pick the site, grant the permissions set in the app dashboard), then redirects to
 *   the callback, "appends its own query parameters" (appId, tenantId, instanceId …) and "preserves any query
 *   parameters you include" — so the hub's state rides in the callback URL itself. Wix does not sign this redirect
 *   ("Don't trust an instanceId sent to your backend as plain text"): the single-use state is its check, and the
 *   token creation below proves the instance is one of this app's installations.
 * - credentials: Create Access Token (client_credentials + instance_id, access-token.ts) — a four-hour token, no
 *   refresh token; `refreshCredentials` creates the next one the same way.
 * - uninstall: the App Instance Removed event, a JWT signed RS256 for the app (app-removed.ts); verifying it needs
 *   the app's public key from the app dashboard, which the hub's app configuration must carry as `publicKey`
 *   (not a field of the SDK's OAuthApp yet): without it every notice is refused.
 */
import { AuthError, type InboundRequest, type OAuthApp, type OAuthExchangeContext, type PluginOAuth } from '@stock-sync/plugin-sdk';
import { verifyAppRemoved } from './app-removed';
import { ACCESS_TOKEN_SECONDS, createAccessToken } from './access-token';

export const INSTALL_URL = 'https://www.wix.com/installer/install';
export const TOKEN_URL = 'https://www.wixapis.com/oauth2/token';
const DOCS = 'https://dev.wix.com/docs/rest/app-management/oauth-2/create-access-token';

/** The app configuration as the hub gives it: Wix's webhook public key (PEM) is `publicKey` (HUB_OAUTH_WIX_PUBLIC_KEY). */
export type WixOAuthApp = OAuthApp;

export function createWixOAuth(now: () => number = Date.now): PluginOAuth {
  return {
    authorizeUrl: INSTALL_URL,
    tokenUrl: TOKEN_URL,
    // Wix grants the permissions configured in the app dashboard; the install URL carries no scope.
    scopes: [],
    tokenLifetime: { accessTokenSeconds: ACCESS_TOKEN_SECONDS, refreshAheadSeconds: 1_800, source: DOCS },
    authorizeUrlFor(req) {
      const callback = new URL(req.redirectUri);
      callback.searchParams.set('state', req.state);
      const sandbox = req.app.baseUrl ? `${req.app.baseUrl.replace(/\/+$/, '')}/installer/install` : INSTALL_URL;
      const url = new URL(sandbox);
      url.searchParams.set('appId', req.app.clientId);
      // URLSearchParams encodes it as a URI component, as the page requires.
      url.searchParams.set('postInstallationUrl', callback.toString());
      return url.toString();
    },
    async exchange(ctx: OAuthExchangeContext) {
      const q = ctx.callback.query;
      if (q.appId !== undefined && q.appId !== ctx.app.clientId) throw new AuthError('the Wix install callback names another app');
      const instanceId = q.instanceId;
      if (!instanceId) throw new AuthError('the Wix install callback carries no instanceId (the app was not installed)');
      const token = await createAccessToken(ctx.http, ctx.app, instanceId, undefined, now);
      return {
        externalStoreId: instanceId,
        credentials: { accessToken: token.accessToken, accessTokenExpiresAt: token.accessTokenExpiresAt, instanceId },
      };
    },
    verifyUninstall(req: InboundRequest, app: OAuthApp) {
      return verifyAppRemoved(req, app.publicKey, Math.floor(now() / 1000));
    },
  };
}
