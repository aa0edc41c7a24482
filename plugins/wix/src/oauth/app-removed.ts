/**
 * Wix's App Instance Removed event (https://dev.wix.com/docs/rest/app-management/app-instance/instance-app-removed):
 * "Event data is received as a JSON Web Token (JWT) … Be sure to verify the data was sent by Wix." The request
 * body is the JWT itself, signed RS256 with Wix's key for the app, verified with the app's public key (app
 * dashboard; https://dev.wix.com/docs/rest/articles/get-started/webhook-structure for the envelope). Its payload
 * is {data: "<JSON>", iat, exp}; data is {eventType, instanceId, data: "<JSON>"}. The event type string of this
 * event, "AppRemoved", is what integrators match (not on the pages read: unverified).
 * A JWT is three base64url parts and one RSA-SHA256 signature: verified with node:crypto, alg pinned to RS256
 * (never "none", never an HMAC keyed with the public key), exp honoured.
 */
import { createPublicKey, verify } from 'node:crypto';
import type { InboundRequest, UninstallNotice } from '@stock-sync/plugin-sdk';

export const APP_REMOVED_EVENT = 'AppRemoved';

function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function part(b64url: string): unknown {
  return /^[A-Za-z0-9_-]*$/.test(b64url) ? json(Buffer.from(b64url, 'base64url').toString('utf8')) : undefined;
}

/** The verified payload of a Wix webhook JWT, or undefined (bad form, alg, signature, expired). */
export function verifyWixJwt(token: string, publicKeyPem: string, nowSeconds: number): Record<string, unknown> | undefined {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return undefined;
  const [h, p, s] = parts as [string, string, string];
  const header = part(h) as { alg?: unknown } | undefined;
  if (!header || header.alg !== 'RS256') return undefined;
  let key;
  try {
    key = createPublicKey(publicKeyPem);
  } catch {
    return undefined;
  }
  if (key.asymmetricKeyType !== 'rsa' || !/^[A-Za-z0-9_-]+$/.test(s)) return undefined;
  if (!verify('RSA-SHA256', Buffer.from(`${h}.${p}`, 'ascii'), key, Buffer.from(s, 'base64url'))) return undefined;
  const payload = part(p);
  if (typeof payload !== 'object' || payload === null) return undefined;
  const exp = (payload as { exp?: unknown }).exp;
  if (typeof exp === 'number' && nowSeconds >= exp) return undefined;
  return payload as Record<string, unknown>;
}

/** A verified App Instance Removed event → the notice for that instance; anything else → null. */
export function verifyAppRemoved(req: InboundRequest, publicKeyPem: string | undefined, nowSeconds: number): UninstallNotice | null {
  if (!publicKeyPem || req.method.toUpperCase() !== 'POST') return null;
  const payload = verifyWixJwt(req.rawBody.toString('utf8'), publicKeyPem, nowSeconds);
  const envelope =
    typeof payload?.data === 'string' ? (json(payload.data) as { eventType?: unknown; instanceId?: unknown } | undefined) : undefined;
  if (!envelope || envelope.eventType !== APP_REMOVED_EVENT) return null;
  if (typeof envelope.instanceId !== 'string' || envelope.instanceId === '') return null;
  return { externalStoreId: envelope.instanceId, reason: 'the app was removed from the Wix site (App Instance Removed event)' };
}
