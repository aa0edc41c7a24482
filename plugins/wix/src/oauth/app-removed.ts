/**
 * Wix's App Instance Removed event (https://dev.wix.com/docs/rest/app-management/app-instance/instance-app-removed):
 * "Event data is received as a JSON Web Token (JWT) … Be sure to verify the data was sent by Wix." The body is a
 * Wix webhook JWT (../webhook-jwt.ts: RS256, the app's public key from the app dashboard, the envelope
 * {eventType, instanceId, data}). The event type string of this event, "AppRemoved", is what integrators match
 * (not on the pages read: unverified).
 */
import type { InboundRequest, UninstallNotice } from '@stock-sync/plugin-sdk';
import { verifyWixJwt, wixEventOf } from '../webhook-jwt';

export { verifyWixJwt } from '../webhook-jwt';
export const APP_REMOVED_EVENT = 'AppRemoved';

/** A verified App Instance Removed event → the notice for that instance; anything else → null. */
export function verifyAppRemoved(req: InboundRequest, publicKeyPem: string | undefined, nowSeconds: number): UninstallNotice | null {
  if (!publicKeyPem || req.method.toUpperCase() !== 'POST') return null;
  const event = wixEventOf(verifyWixJwt(req.rawBody.toString('utf8'), publicKeyPem, nowSeconds));
  if (!event || event.eventType !== APP_REMOVED_EVENT) return null;
  return { externalStoreId: event.instanceId, reason: 'the app was removed from the Wix site (App Instance Removed event)' };
}
