/**
 * Connecting an Ecwid store by Ecwid's consent dialog (OAuth 2, "apps outside the Ecwid App Market").
 * Facts and sources: README.md "Connecting".
 * - authorize: https://my.ecwid.com/api/oauth/authorize — client_id, redirect_uri, response_type=code,
 *   scope separated by space (all required);
 * - token: POST https://my.ecwid.com/api/oauth/token, form body client_id, client_secret, code,
 *   redirect_uri, grant_type=authorization_code (POST since March 2025) → {access_token, token_type, scope,
 *   store_id, email, public_token?};
 * - lifetime: "Both types of access tokens do not expire" while the app is installed: no refreshCredentials;
 * - the return URL carries code or error only: no documented state echo, so the host binds the state to
 *   its own cookie hop (stateInCallback false);
 * - application.uninstalled webhook signed X-Ecwid-Webhook-Signature (base64 HMAC-SHA256 of
 *   "{eventCreated}.{eventId}" with the client secret).
 */
import {
  idText,
  jsonObjectOf,
  type InboundRequest,
  type OAuthApp,
  type PluginOAuth,
  type TokenResponse,
  type UninstallNotice,
} from '@stock-sync/plugin-sdk';
import { isSignedByApp, SIGNATURE_HEADER } from './webhook-signature';

export const ECWID_AUTHORIZE_URL = 'https://my.ecwid.com/api/oauth/authorize';
export const ECWID_TOKEN_URL = 'https://my.ecwid.com/api/oauth/token';
/** read_catalog for reads and batch status, update_catalog for the stock writes. */
export const ECWID_SCOPES = ['read_catalog', 'update_catalog'] as const;

/** The token answer → the store's credentials (the SDK adds the sandbox baseUrl). */
export function toConnectedStore(token: TokenResponse) {
  const accessToken = idText(token.access_token);
  const storeId = idText(token.store_id);
  if (!accessToken) throw new Error('Ecwid token answer has no access_token');
  if (!storeId) throw new Error('Ecwid token answer has no store_id');
  return {
    credentials: { storeId, accessToken },
    externalStoreId: storeId,
  };
}

/** A verified application.uninstalled webhook names the store; anything else is null (the host answers 401). */
export function verifyUninstall(req: InboundRequest, app: OAuthApp): UninstallNotice | null {
  const b = jsonObjectOf(req);
  if (!b) return null;
  if (!isSignedByApp(b.eventCreated, b.eventId, req.headers[SIGNATURE_HEADER], app.clientSecret)) return null;
  const storeId = idText(b.storeId);
  if (b.eventType !== 'application.uninstalled' || !storeId) return null;
  return { externalStoreId: storeId, reason: 'app uninstalled on Ecwid (application.uninstalled webhook)' };
}

export const oauth: PluginOAuth = {
  authorizeUrl: ECWID_AUTHORIZE_URL,
  tokenUrl: ECWID_TOKEN_URL,
  scopes: ECWID_SCOPES,
  scopeDelimiter: ' ',
  tokenRequest: { clientAuthentication: 'body', encoding: 'form' },
  stateInCallback: false,
  tokenLifetime: {
    // "Both types of access tokens do not expire."
    source: 'https://api-docs.ecwid.com/reference/get-token-manually',
  },
  toConnectedStore: (token) => toConnectedStore(token),
  verifyUninstall,
};
