/**
 * The two primitives signed callbacks and webhooks need (Shopify's HMACs, and the like): an HMAC-SHA256
 * digest, and a constant-time comparison that never throws on a length mismatch.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function hmacSha256(secret: string, data: string | Buffer, encoding: 'hex' | 'base64'): string {
  return createHmac('sha256', secret).update(data).digest(encoding);
}

/** Equal strings, compared in constant time for equal lengths (a length says nothing about the secret). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
