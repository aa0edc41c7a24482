/**
 * How the sandbox signs a Wix webhook (../webhook-jwt.ts for the documents): the body is a JWT, RS256 with the
 * sandbox app's key pair, payload {data: JSON.stringify({eventType, instanceId, data: JSON.stringify(event),
 * identity: JSON.stringify(identity)}), iat, exp}. The exp Wix sets is not documented (the sandbox: 5 minutes).
 */
import { generateKeyPairSync, sign } from 'node:crypto';

let keys: { publicKey: string; privateKey: string } | undefined;
/** The sandbox app's webhook key pair (the hub's app configuration takes `publicKey`), made once per process. */
export function sandboxWebhookKeys(): { publicKey: string; privateKey: string } {
  return (keys ??= generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  }));
}

/** Who caused an event (the envelope's identity: "ANONYMOUS_VISITOR, MEMBER, WIX_USER, APP"). */
export type WixIdentity = { identityType: 'WIX_USER'; wixUserId: string } | { identityType: 'APP'; appId: string };

export interface SignedEventOptions {
  privateKey?: string;
  nowSeconds?: number;
  identity?: WixIdentity;
}

/** The JWT Wix POSTs for an event of `instanceId`. */
export function signWixEvent(eventType: string, instanceId: string, event: unknown, opts: SignedEventOptions = {}): string {
  const now = opts.nowSeconds ?? Math.floor(Date.now() / 1000);
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const envelope: Record<string, string> = { eventType, instanceId, data: JSON.stringify(event) };
  if (opts.identity) envelope.identity = JSON.stringify(opts.identity);
  const signingInput = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ data: JSON.stringify(envelope), iat: now, exp: now + 300 })}`;
  const signature = sign('RSA-SHA256', Buffer.from(signingInput), opts.privateKey ?? sandboxWebhookKeys().privateKey).toString('base64url');
  return `${signingInput}.${signature}`;
}
