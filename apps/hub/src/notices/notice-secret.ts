/**
 * A store's platform-notice secret: 32 random bytes (base64url), stored encrypted like the credentials, bound
 * to the store under its own label (a credentials ciphertext cannot be swapped in for it, nor the reverse).
 */
import { randomBytes } from 'node:crypto';
import type { CredentialCipher } from '../crypto/credential-cipher';

const field = 'noticeSecret';

/** The associated data a store's notice secret is bound to (never the store's credentials' own). */
export function noticeSecretLabel(storeId: string): string {
  return `${storeId}#notices`;
}

export function generateNoticeSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function sealNoticeSecret(cipher: CredentialCipher, storeId: string, secret: string): Buffer {
  return cipher.encrypt({ [field]: secret }, noticeSecretLabel(storeId));
}

/** The secret, or undefined when no configured key opens it for this store. */
export function openNoticeSecret(cipher: CredentialCipher, storeId: string, sealed: Uint8Array): string | undefined {
  try {
    const value = cipher.decrypt(sealed, noticeSecretLabel(storeId))[field];
    return typeof value === 'string' && value ? value : undefined;
  } catch {
    return undefined;
  }
}
