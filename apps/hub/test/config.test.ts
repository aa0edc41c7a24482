import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { DEFAULT_REFERENCE_DATA_PATH } from '@stock-sync/domain';
import { ConfigError, DEFAULT_PLUGINS_DIR, loadHubConfig } from '../src/config/hub-config';
import { CredentialCipher } from '../src/crypto/credential-cipher';
import { startHub } from '../src/start';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'hub-config-'));
const quiet = () => undefined;

describe('configuration', () => {
  it('production refuses to start without HUB_ENCRYPTION_KEY, naming it', async () => {
    const env = { NODE_ENV: 'production', HUB_API_TOKENS: 'prod_token_0123456789abcdef', HUB_DATA_DIR: tmp() };
    await expect(startHub(env)).rejects.toThrow(ConfigError);
    await expect(startHub(env)).rejects.toThrow(/HUB_ENCRYPTION_KEY is required when NODE_ENV=production/);
  });

  it('production also requires HUB_API_TOKENS; every problem is reported at once', () => {
    try {
      loadHubConfig({ NODE_ENV: 'production', HUB_PORT: 'eighty', HUB_DATA_DIR: tmp() }, quiet);
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toMatch(/HUB_API_TOKENS is required/);
      expect(problems).toMatch(/HUB_ENCRYPTION_KEY is required/);
      expect(problems).toMatch(/HUB_PORT/);
    }
  });

  it('accepts a 32-byte key as hex or base64 and rejects anything else, naming the variable', () => {
    const key = randomBytes(32);
    const base = { HUB_API_TOKENS: 'dev_token_0123456789abcdef', HUB_DATA_DIR: tmp() };
    expect(loadHubConfig({ ...base, HUB_ENCRYPTION_KEY: key.toString('hex') }, quiet).encryptionKey.equals(key)).toBe(true);
    expect(loadHubConfig({ ...base, HUB_ENCRYPTION_KEY: key.toString('base64') }, quiet).encryptionKey.equals(key)).toBe(true);
    expect(() => loadHubConfig({ ...base, HUB_ENCRYPTION_KEY: randomBytes(16).toString('hex') }, quiet)).toThrow(
      /HUB_ENCRYPTION_KEY must be 32 bytes/,
    );
  });

  it('in development, generates a token and a key once, keeps them in the data dir and warns about the key', () => {
    const dir = tmp();
    const warnings: string[] = [];
    const first = loadHubConfig({ HUB_DATA_DIR: dir }, (m) => warnings.push(m));
    expect(first.apiTokenGenerated).toBe(true);
    expect(first.apiTokens[0]).toMatch(/^hub_dev_[0-9a-f]{48}$/);
    expect(warnings.join()).toMatch(/HUB_ENCRYPTION_KEY is not set/);
    expect(fs.statSync(path.join(dir, 'api-token')).mode & 0o777).toBe(0o600);
    const second = loadHubConfig({ HUB_DATA_DIR: dir }, quiet);
    expect(second.apiTokens).toEqual(first.apiTokens);
    expect(second.encryptionKey.equals(first.encryptionKey)).toBe(true);
  });

  it('defaults: embedded database in the data dir, 127.0.0.1:8080, the monorepo plugins dir, the domain data file', () => {
    const dir = tmp();
    const c = loadHubConfig(
      {
        HUB_DATA_DIR: dir,
        HUB_API_TOKENS: 'first_token_0123456789, second_token_0123456789',
        HUB_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      },
      quiet,
    );
    expect(c.database).toEqual({ kind: 'pglite', dataDir: path.join(dir, 'pglite'), preparedStatements: true });
    expect(c.migrateOnStart).toBe(true);
    expect([c.host, c.port]).toEqual(['127.0.0.1', 8080]);
    expect(c.pluginsDir).toBe(DEFAULT_PLUGINS_DIR);
    expect(fs.existsSync(path.join(DEFAULT_PLUGINS_DIR, '..', 'pnpm-workspace.yaml'))).toBe(true);
    expect(c.referenceDataPath).toBe(DEFAULT_REFERENCE_DATA_PATH);
    expect(c.apiTokens).toEqual(['first_token_0123456789', 'second_token_0123456789']);
  });

  it('tokens must be long enough; PostgreSQL migrates on start only when asked', () => {
    const key = randomBytes(32).toString('hex');
    expect(() => loadHubConfig({ HUB_API_TOKENS: 'short', HUB_ENCRYPTION_KEY: key }, quiet)).toThrow(/at least 16 characters/);
    const pg = { HUB_API_TOKENS: 'token_0123456789abcdef', HUB_ENCRYPTION_KEY: key, DATABASE_URL: 'postgres://u@127.0.0.1/db' };
    expect(loadHubConfig(pg, quiet).migrateOnStart).toBe(false);
    expect(loadHubConfig({ ...pg, HUB_MIGRATE_ON_START: 'true' }, quiet).migrateOnStart).toBe(true);
    expect(() => loadHubConfig({ ...pg, DATABASE_URL: 'mysql://x' }, quiet)).toThrow(/DATABASE_URL/);
  });
});

describe('CredentialCipher (AES-256-GCM)', () => {
  const cipher = new CredentialCipher(randomBytes(32));
  const values = { shop: 'demo', accessToken: 'shpat_test_cipher_0001' };
  const STORE = '6f1c2e0a-0000-4000-8000-000000000001';

  it('round-trips and never stores the plaintext; each encryption uses a fresh IV', () => {
    const a = cipher.encrypt(values, STORE);
    const b = cipher.encrypt(values, STORE);
    expect(cipher.decrypt(a, STORE)).toEqual(values);
    expect(a.equals(b)).toBe(false);
    expect(a.includes(Buffer.from('shpat_test_cipher_0001'))).toBe(false);
  });

  it('refuses altered data and another key, without echoing anything', () => {
    const data = cipher.encrypt(values, STORE);
    data[data.length - 1]! ^= 1;
    expect(() => cipher.decrypt(data, STORE)).toThrow(/cannot be decrypted/);
    expect(() => new CredentialCipher(randomBytes(32)).decrypt(cipher.encrypt(values, STORE), STORE)).toThrow(/HUB_ENCRYPTION_KEY/);
  });
});
