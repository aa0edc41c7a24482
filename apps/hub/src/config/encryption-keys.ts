/**
 * The keys that encrypt store credentials at rest (crypto/credential-cipher.ts).
 *
 * - `HUB_ENCRYPTION_KEYS=id:key,id:key…`: several keys; the FIRST encrypts, every one decrypts (key
 *   rotation: put the new key first, keep the old one until `cli.js rotate-keys` has re-encrypted
 *   every store, then drop it). An id is 1–32 characters of A–Z a–z 0–9 _ -.
 * - `HUB_ENCRYPTION_KEY=key`: one key, id `default` (as before).
 * - neither, outside production: a development key generated once into the data dir (id `default`).
 * A key is 32 bytes written as 64 hex characters or base64 (`openssl rand -base64 32`).
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureGeneratedSecret } from './generated-secrets';

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

export const DEFAULT_KEY_ID = 'default';
export const DEV_KEY_FILE = 'encryption-key';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

type Env = Record<string, string | undefined>;

/** The configured keys (undefined when none is set); problems name the variable. */
export function parseEncryptionKeys(env: Env, problems: string[]): EncryptionKey[] | undefined {
  const many = env.HUB_ENCRYPTION_KEYS?.trim();
  const one = env.HUB_ENCRYPTION_KEY?.trim();
  if (many && one) {
    problems.push('set HUB_ENCRYPTION_KEYS or HUB_ENCRYPTION_KEY, not both (put the single key into HUB_ENCRYPTION_KEYS as default:<key>)');
    return undefined;
  }
  if (one) {
    const key = parseKey(one);
    if (!key) problems.push('HUB_ENCRYPTION_KEY must be 32 bytes, written as 64 hex characters or base64 (e.g. `openssl rand -base64 32`)');
    return key ? [{ id: DEFAULT_KEY_ID, key }] : undefined;
  }
  if (!many) return undefined;
  const keys: EncryptionKey[] = [];
  const before = problems.length;
  for (const [i, entry] of many
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)
    .entries()) {
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon) : '';
    const key = colon > 0 ? parseKey(entry.slice(colon + 1).trim()) : undefined;
    if (!KEY_ID.test(id)) problems.push(`HUB_ENCRYPTION_KEYS entry ${i + 1} must be id:key with an id of 1-32 letters, digits, _ or -`);
    else if (!key) problems.push(`HUB_ENCRYPTION_KEYS key "${id}" must be 32 bytes, written as 64 hex characters or base64`);
    else if (keys.some((k) => k.id === id)) problems.push(`HUB_ENCRYPTION_KEYS names key "${id}" twice`);
    else keys.push({ id, key });
  }
  if (keys.length === 0 && problems.length === before) problems.push('HUB_ENCRYPTION_KEYS is set but holds no id:key entry');
  return problems.length === before ? keys : undefined;
}

/** The development key kept in the data dir: created when `create`, else only read if it exists. */
export function developmentKey(dataDir: string, create: boolean): { keys: EncryptionKey[]; file: string; created: boolean } | undefined {
  const file = path.join(dataDir, DEV_KEY_FILE);
  if (!create && !fs.existsSync(file)) return undefined;
  const generated = ensureGeneratedSecret(dataDir, DEV_KEY_FILE, () => randomBytes(32).toString('hex'));
  return { keys: [{ id: DEFAULT_KEY_ID, key: Buffer.from(generated.value, 'hex') }], file: generated.file, created: generated.created };
}

export function parseKey(raw: string): Buffer | undefined {
  if (/^[0-9a-fA-F]{64}$/.test(raw)) return Buffer.from(raw, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(raw)) {
    const buf = Buffer.from(raw, 'base64');
    if (buf.length === 32) return buf;
  }
  return undefined;
}
