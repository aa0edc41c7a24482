/**
 * Signing secrets in the Standard Webhooks form: `whsec_` + base64 of 24 to 64 random bytes
 * (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md#signature-scheme).
 */
import { randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';
const MIN_BYTES = 24;
const MAX_BYTES = 64;

/** A new secret: 32 random bytes. */
export function generateWebhookSecret(): string {
  return PREFIX + randomBytes(32).toString('base64');
}

/** Why `value` is not a usable secret (a message naming the field), or undefined when it is. */
export function webhookSecretProblem(value: string): string | undefined {
  const body = value.startsWith(PREFIX) ? value.slice(PREFIX.length) : undefined;
  if (body === undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(body) || body.length % 4 !== 0) {
    return 'secret must be "whsec_" followed by base64 (leave it out to have one generated)';
  }
  const bytes = Buffer.from(body, 'base64').length;
  if (bytes < MIN_BYTES || bytes > MAX_BYTES) return `secret must hold ${MIN_BYTES} to ${MAX_BYTES} bytes, got ${bytes}`;
  return undefined;
}
