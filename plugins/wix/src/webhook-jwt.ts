/**
 * The Wix webhook JWT, one reader for the App Instance Removed notice (oauth.ts) and the inventory notices
 * (notices.ts): "Event data is sent as a JSON web token (JWT) in the body … To verify the token, use your public key"
 * (https://dev.wix.com/docs/build-apps/develop-your-app/api-integrations/events-and-webhooks/about-webhooks). Payload
 * {data: "<JSON envelope {eventType, instanceId, data: "<JSON>"}>", iat, exp}. Verified with node:crypto, alg pinned
 * to RS256 (never "none", never an HMAC keyed with the public key), exp honoured.
 */
import { createPublicKey, verify } from 'node:crypto';
import { isJsonObject } from '@stock-sync/plugin-sdk';

/** A Wix event once its JWT is verified and decoded: the envelope with its stringified data parsed. */
export interface WixEvent {
  eventType: string;
  instanceId: string;
  /** The event's own data (data.data parsed); undefined when absent or not JSON. */
  data: unknown;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function part(b64url: string): unknown {
  return /^[A-Za-z0-9_-]*$/.test(b64url) ? parseJson(Buffer.from(b64url, 'base64url').toString('utf8')) : undefined;
}

/** The JSON payload of a Wix JWT WITHOUT checking its signature: only for a body already verified (`refs` / `storeOf`). */
export function decodeWixJwt(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  const payload = parts.length === 3 ? part(parts[1]!) : undefined;
  return isJsonObject(payload) ? payload : undefined;
}

/** The verified payload of a Wix webhook JWT, or undefined (bad form, alg, key, signature, expired). Never throws. */
export function verifyWixJwt(token: string, publicKeyPem: string, nowSeconds: number): Record<string, unknown> | undefined {
  try {
    const [h, p, s, ...more] = token.split('.');
    const header = part(h!);
    if (more.length || s === undefined || !isJsonObject(header) || header.alg !== 'RS256') return undefined;
    const key = createPublicKey(publicKeyPem);
    if (key.asymmetricKeyType !== 'rsa' || !/^[A-Za-z0-9_-]+$/.test(s)) return undefined;
    if (!verify('RSA-SHA256', Buffer.from(`${h}.${p}`, 'ascii'), key, Buffer.from(s, 'base64url'))) return undefined;
    const payload = decodeWixJwt(token);
    return payload && !(typeof payload.exp === 'number' && nowSeconds >= payload.exp) ? payload : undefined;
  } catch {
    // An unreadable PEM, a key of another kind: not Wix's signature.
    return undefined;
  }
}

/**
 * The event in a decoded JWT payload: `data` is the envelope as a JSON string (an object is taken as is) with a
 * non-empty eventType and instanceId; its own `data` is parsed when it is a JSON string. Else undefined.
 */
export function wixEventOf(payload: unknown): WixEvent | undefined {
  if (!isJsonObject(payload)) return undefined;
  const envelope = typeof payload.data === 'string' ? parseJson(payload.data) : payload.data;
  if (!isJsonObject(envelope)) return undefined;
  const { eventType, instanceId, data } = envelope;
  if (typeof eventType !== 'string' || eventType === '' || typeof instanceId !== 'string' || instanceId === '') return undefined;
  return { eventType, instanceId, data: typeof data === 'string' ? parseJson(data) : data };
}
