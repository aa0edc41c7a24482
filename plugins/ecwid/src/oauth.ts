/**
 * Connecting an Ecwid store by Ecwid's consent dialog (OAuth 2); facts and sources in README.md "Connecting": the SDK's
 * standard code exchange, and no documented state echo (the host binds the state to its own cookie hop).
 */
import { hmacSha256, idText, jsonObjectOf, safeEqual, storeFromToken } from '@stock-sync/plugin-sdk';
import type { InboundRequest, OAuthApp, PluginOAuth, UninstallNotice } from '@stock-sync/plugin-api';

/** read_catalog for reads and batch status, update_catalog for the stock writes. */
export const ECWID_SCOPES = ['read_catalog', 'update_catalog'] as const;

/** Ecwid's webhook signature (README "Connecting"): base64 HMAC-SHA256 of "{eventCreated}.{eventId}", not of the body. */
export const SIGNATURE_HEADER = 'x-ecwid-webhook-signature';
export const signedString = (eventCreated: string | number, eventId: string) => `${eventCreated}.${eventId}`;

export function isSignedByApp(eventCreated: unknown, eventId: unknown, header: string | undefined, clientSecret: string): boolean {
  if (!header || !clientSecret) return false;
  if ((typeof eventCreated !== 'number' && typeof eventCreated !== 'string') || typeof eventId !== 'string' || !eventId) return false;
  return safeEqual(header.trim(), hmacSha256(clientSecret, signedString(eventCreated, eventId), 'base64'));
}

export const toConnectedStore = storeFromToken('Ecwid', 'store_id');

/** A verified application.uninstalled webhook names the store; anything else is null (the host answers 401). */
function verifyUninstall(req: InboundRequest, app: OAuthApp): UninstallNotice | null {
  const b = jsonObjectOf(req);
  if (!b || !isSignedByApp(b.eventCreated, b.eventId, req.headers[SIGNATURE_HEADER], app.clientSecret)) return null;
  const storeId = idText(b.storeId);
  if (b.eventType !== 'application.uninstalled' || !storeId) return null;
  return { externalStoreId: storeId, reason: 'app uninstalled on Ecwid (application.uninstalled webhook)' };
}

export const oauth: PluginOAuth = {
  authorizeUrl: 'https://my.ecwid.com/api/oauth/authorize',
  tokenUrl: 'https://my.ecwid.com/api/oauth/token',
  scopes: ECWID_SCOPES,
  scopeDelimiter: ' ',
  stateInCallback: false,
  // "Both types of access tokens do not expire" while the app is installed: no refresh.
  tokenLifetime: { source: 'https://api-docs.ecwid.com/reference/get-token-manually' },
  toConnectedStore,
  verifyUninstall,
};
