/**
 * The app install (OAuth 2, authorization code only; README.md "Connecting"): the app id is in the consent URL's
 * PATH, the scopes and redirection URL are set on the app. "Our access tokens don't expire": no refreshCredentials.
 */
import { idText, jsonObjectOf, oauthUrl, storeFromToken } from '@stock-sync/plugin-sdk';
import type { PluginOAuth } from '@stock-sync/plugin-api';
import { isSignedByApp, SIGNATURE_HEADER } from './notices';

export const toConnectedStore = storeFromToken('Nuvemshop', 'user_id');

export const oauth: PluginOAuth = {
  // Documentary: authorizeUrlFor builds the real one.
  authorizeUrl: 'https://www.tiendanube.com/apps',
  tokenUrl: 'https://www.tiendanube.com/apps/authorize/token',
  // What the app must be registered with (the scopes live on the app, not in the URL).
  scopes: ['read_products', 'write_products'],
  scopeDelimiter: ',',
  tokenRequest: { clientAuthentication: 'body', encoding: 'form' },
  tokenLifetime: { source: 'https://tiendanube.github.io/api-documentation/authentication' },
  authorizeUrlFor(req) {
    const url = oauthUrl('https://www.tiendanube.com/apps/{appId}/authorize', { appId: req.app.clientId }, req.app);
    url.searchParams.set('state', req.state);
    // Nuvemshop redirects to the URL registered on the app; the documents show no redirect_uri parameter
    // (unverified whether it is ignored). Sent so the sandbox's consent step knows where to answer.
    url.searchParams.set('redirect_uri', req.redirectUri);
    return url.toString();
  },
  toConnectedStore,
  /** A verified app/uninstalled notice names the store; anything unsigned, mis-signed or another event is null. */
  verifyUninstall(req, app) {
    if (!isSignedByApp(req.rawBody, req.headers[SIGNATURE_HEADER], app.clientSecret)) return null;
    const b = jsonObjectOf(req);
    const storeId = idText(b?.store_id);
    if (b?.event !== 'app/uninstalled' || !storeId) return null;
    return { externalStoreId: storeId, reason: 'app uninstalled on Nuvemshop (app/uninstalled webhook)' };
  },
};
