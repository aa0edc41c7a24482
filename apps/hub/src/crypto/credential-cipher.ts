/**
 * Credentials at rest: AES-256-GCM with a random 96-bit IV per encryption.
 *
 * Stored layout (format 2):  0x02 | key id length (1 byte) | key id (ASCII) | iv (12) | auth tag (16) | ciphertext
 * The associated data is the header (format, key id) and the STORE ID: a ciphertext copied onto another
 * store's row, or relabelled with another key id, fails to decrypt.
 *
 * Keys (config/encryption-keys.ts): the first encrypts, every configured key decrypts — the one the key
 * id names first, then the others (so a renamed key still works). Format 1, written before key ids and
 * associated data existed (iv | tag | ciphertext), is still read, with every key; `cli.js rotate-keys`
 * rewrites those and anything not under the current key in format 2.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptionKey } from '../config/encryption-keys';

const FORMAT = 0x02;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const AAD_LABEL = 'stock-sync-hub store credentials';

export class CredentialsUndecryptable extends Error {
  constructor() {
    super(
      'stored credentials cannot be decrypted with the configured HUB_ENCRYPTION_KEYS / HUB_ENCRYPTION_KEY ' +
        '(another key, altered data, or credentials copied from another store)',
    );
    this.name = 'CredentialsUndecryptable';
  }
}

interface Parsed {
  keyId: string;
  header: Buffer;
  iv: Buffer;
  tag: Buffer;
  data: Buffer;
}

export class CredentialCipher {
  private readonly keys: readonly EncryptionKey[];

  /** One key (id `default`) or the ordered list: the first encrypts. */
  constructor(keys: Buffer | readonly EncryptionKey[]) {
    this.keys = Buffer.isBuffer(keys) ? [{ id: 'default', key: keys }] : [...keys];
    if (this.keys.length === 0) throw new Error('at least one credentials key is needed');
    for (const k of this.keys) {
      if (k.key.length !== 32) throw new Error(`the credentials key "${k.id}" must be 32 bytes`);
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(k.id)) throw new Error(`the credentials key id "${k.id}" is not valid`);
    }
  }

  /** The id of the key new ciphertexts are made with. */
  get currentKeyId(): string {
    return this.keys[0]!.id;
  }

  encrypt(values: Readonly<Record<string, string>>, storeId: string): Buffer {
    const { id, key } = this.keys[0]!;
    const idBytes = Buffer.from(id, 'ascii');
    const header = Buffer.concat([Buffer.from([FORMAT, idBytes.length]), idBytes]);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(associatedData(header, storeId));
    const data = Buffer.concat([cipher.update(JSON.stringify(values), 'utf8'), cipher.final()]);
    return Buffer.concat([header, iv, cipher.getAuthTag(), data]);
  }

  /** Throws CredentialsUndecryptable (without echoing any content) when no configured key opens it for this store. */
  decrypt(stored: Uint8Array, storeId: string): Record<string, string> {
    const buf = Buffer.from(stored);
    const parsed = parseFormat2(buf);
    if (parsed) {
      const aad = associatedData(parsed.header, storeId);
      for (const k of this.candidates(parsed.keyId)) {
        const plain = open(k.key, parsed.iv, parsed.tag, parsed.data, aad);
        if (plain) return plain;
      }
    }
    // Format 1 (no header, no associated data). A format-2 buffer never authenticates as format 1.
    if (buf.length >= IV_BYTES + TAG_BYTES) {
      for (const k of this.keys) {
        const plain = open(
          k.key,
          buf.subarray(0, IV_BYTES),
          buf.subarray(IV_BYTES, IV_BYTES + TAG_BYTES),
          buf.subarray(IV_BYTES + TAG_BYTES),
        );
        if (plain) return plain;
      }
    }
    throw new CredentialsUndecryptable();
  }

  /** True when `stored` is format 1 or made with another key than the current one (rotate-keys rewrites it). */
  needsReencryption(stored: Uint8Array): boolean {
    return parseFormat2(Buffer.from(stored))?.keyId !== this.currentKeyId;
  }

  private candidates(keyId: string): EncryptionKey[] {
    const named = this.keys.filter((k) => k.id === keyId);
    return [...named, ...this.keys.filter((k) => k.id !== keyId)];
  }
}

function associatedData(header: Buffer, storeId: string): Buffer {
  return Buffer.concat([Buffer.from(`${AAD_LABEL}\u0000`, 'utf8'), header, Buffer.from(`\u0000${storeId.toLowerCase()}`, 'utf8')]);
}

function parseFormat2(buf: Buffer): Parsed | undefined {
  if (buf.length < 2 || buf[0] !== FORMAT) return undefined;
  const idLength = buf[1]!;
  const start = 2 + idLength;
  if (idLength < 1 || idLength > 32 || buf.length < start + IV_BYTES + TAG_BYTES) return undefined;
  const keyId = buf.subarray(2, start).toString('ascii');
  if (!/^[A-Za-z0-9_-]+$/.test(keyId)) return undefined;
  return {
    keyId,
    header: buf.subarray(0, start),
    iv: buf.subarray(start, start + IV_BYTES),
    tag: buf.subarray(start + IV_BYTES, start + IV_BYTES + TAG_BYTES),
    data: buf.subarray(start + IV_BYTES + TAG_BYTES),
  };
}

function open(key: Buffer, iv: Buffer, tag: Buffer, data: Buffer, aad?: Buffer): Record<string, string> | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    if (aad) decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(data), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as Record<string, string>;
  } catch {
    return undefined;
  }
}
