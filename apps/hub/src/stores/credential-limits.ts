/**
 * Credential values are short secrets (tokens, keys, shop domains). Each is limited to 8 KiB of UTF-8,
 * so a store row, its ciphertext and every decryption stay small whatever a client sends.
 */
import type { ValidationDetail } from '../http/api-errors';

export const MAX_CREDENTIAL_VALUE_BYTES = 8 * 1024;

/** One detail per value over the limit, naming it (`credentials.accessToken`). */
export function oversizedCredentialValues(credentials: unknown): ValidationDetail[] {
  if (typeof credentials !== 'object' || credentials === null) return [];
  const out: ValidationDetail[] = [];
  for (const [name, value] of Object.entries(credentials)) {
    if (typeof value === 'string' && Buffer.byteLength(value, 'utf8') > MAX_CREDENTIAL_VALUE_BYTES) {
      out.push({ path: `credentials.${name}`, message: `credentials.${name} is longer than ${MAX_CREDENTIAL_VALUE_BYTES} bytes` });
    }
  }
  return out;
}
