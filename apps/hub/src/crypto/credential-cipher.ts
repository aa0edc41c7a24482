/**
 * Credentials at rest: AES-256-GCM with a random 96-bit IV per encryption. Stored layout:
 * iv (12 bytes) | auth tag (16 bytes) | ciphertext. The key comes from HUB_ENCRYPTION_KEY.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export class CredentialCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the credentials key must be 32 bytes');
  }

  encrypt(values: Readonly<Record<string, string>>): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(values), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), data]);
  }

  /** Throws (without echoing any content) when the data was not made with this key or was altered. */
  decrypt(stored: Uint8Array): Record<string, string> {
    const buf = Buffer.from(stored);
    if (buf.length < IV_BYTES + TAG_BYTES) throw new Error('stored credentials are malformed');
    const decipher = createDecipheriv('aes-256-gcm', this.key, buf.subarray(0, IV_BYTES));
    decipher.setAuthTag(buf.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      const plain = Buffer.concat([decipher.update(buf.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
      return JSON.parse(plain.toString('utf8')) as Record<string, string>;
    } catch {
      throw new Error('stored credentials cannot be decrypted with the configured HUB_ENCRYPTION_KEY');
    }
  }
}
