/**
 * Issue 7 item 8: credentials are bound to their store (AES-GCM associated data), carry a key id, can be
 * rotated (HUB_ENCRYPTION_KEYS: first encrypts, all decrypt; `rotate-keys` re-encrypts every store,
 * idempotently, in batches), format-1 ciphertexts still open, and `cli.js migrate` needs no secret.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { migrate, rotateKeys } from '../src/cli';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { parseEncryptionKeys } from '../src/config/encryption-keys';
import { loadHubConfig } from '../src/config/hub-config';
import { CredentialCipher } from '../src/crypto/credential-cipher';
import { rotateCredentialKeys } from '../src/crypto/rotate-keys';
import { sealNoticeSecret } from '../src/notices/notice-secret';
import { describeHub } from './support/hub-harness';
import { prepareDataDirFromTemplate } from './support/pglite-template';
import { createStore } from './support/scenario';
import { createThrowawayDatabase } from './support/throwaway-postgres';

const K1 = randomBytes(32);
const K2 = randomBytes(32);
const STORE_A = '0a000000-0000-4000-8000-00000000000a';
const STORE_B = '0b000000-0000-4000-8000-00000000000b';
const values = { shop: 'demo', accessToken: 'shpat_test_keys_0001' };

/** What the hub wrote before key ids and associated data: iv | tag | ciphertext. */
function formatOne(key: Buffer, plain: object): Buffer {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([c.update(JSON.stringify(plain), 'utf8'), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), data]);
}

describe('CredentialCipher: store binding, key ids, several keys', () => {
  it('a ciphertext copied onto another store does not decrypt', () => {
    const cipher = new CredentialCipher([{ id: 'k1', key: K1 }]);
    const data = cipher.encrypt(values, STORE_A);
    expect(cipher.decrypt(data, STORE_A)).toEqual(values);
    expect(() => cipher.decrypt(data, STORE_B)).toThrow(/cannot be decrypted/);
  });

  it('every ciphertext names its key; the first key encrypts and every key decrypts', () => {
    const old = new CredentialCipher([{ id: 'k1', key: K1 }]);
    const rotated = new CredentialCipher([
      { id: 'k2', key: K2 },
      { id: 'k1', key: K1 },
    ]);
    const before = old.encrypt(values, STORE_A);
    expect(before.subarray(2, 4).toString('ascii')).toBe('k1');
    expect(rotated.decrypt(before, STORE_A)).toEqual(values);
    expect(rotated.needsReencryption(before)).toBe(true);
    const after = rotated.encrypt(values, STORE_A);
    expect(after.subarray(2, 4).toString('ascii')).toBe('k2');
    expect(rotated.needsReencryption(after)).toBe(false);
    expect(() => old.decrypt(after, STORE_A)).toThrow(/cannot be decrypted/);
  });

  it('relabelling the key id is detected (the header is authenticated)', () => {
    const cipher = new CredentialCipher([
      { id: 'k1', key: K1 },
      { id: 'k2', key: K2 },
    ]);
    const data = cipher.encrypt(values, STORE_A);
    data.write('k2', 2, 'ascii');
    expect(() => cipher.decrypt(data, STORE_A)).toThrow(/cannot be decrypted/);
  });

  it('format 1 (no key id, no store binding) still decrypts with any configured key', () => {
    const cipher = new CredentialCipher([
      { id: 'k2', key: K2 },
      { id: 'k1', key: K1 },
    ]);
    const legacy = formatOne(K1, values);
    expect(cipher.decrypt(legacy, STORE_A)).toEqual(values);
    expect(cipher.needsReencryption(legacy)).toBe(true);
  });
});

describe('HUB_ENCRYPTION_KEYS', () => {
  it('parses id:key lists (hex or base64), first one first; HUB_ENCRYPTION_KEY is one key with id "default"', () => {
    const problems: string[] = [];
    const keys = parseEncryptionKeys({ HUB_ENCRYPTION_KEYS: `new:${K2.toString('base64')}, old:${K1.toString('hex')}` }, problems);
    expect(problems).toEqual([]);
    expect(keys!.map((k) => k.id)).toEqual(['new', 'old']);
    expect(keys![0]!.key.equals(K2)).toBe(true);
    expect(parseEncryptionKeys({ HUB_ENCRYPTION_KEY: K1.toString('hex') }, [])).toEqual([{ id: 'default', key: K1 }]);
  });

  it('names every problem', () => {
    const problems: string[] = [];
    parseEncryptionKeys(
      { HUB_ENCRYPTION_KEYS: `bad id:${K1.toString('hex')},k:short,k2:${K1.toString('hex')},k2:${K2.toString('hex')}` },
      problems,
    );
    expect(problems).toEqual([
      expect.stringContaining('entry 1'),
      expect.stringContaining('key "k"'),
      expect.stringContaining('"k2" twice'),
    ]);
    const both: string[] = [];
    parseEncryptionKeys({ HUB_ENCRYPTION_KEYS: `a:${K1.toString('hex')}`, HUB_ENCRYPTION_KEY: K2.toString('hex') }, both);
    expect(both).toEqual([expect.stringContaining('not both')]);
  });

  it('the hub config carries the ordered keys', () => {
    const c = loadHubConfig(
      { HUB_API_TOKENS: 'token_0123456789abcdef', HUB_ENCRYPTION_KEYS: `b:${K2.toString('hex')},a:${K1.toString('hex')}` },
      () => undefined,
    );
    expect(c.encryptionKeys.map((k) => k.id)).toEqual(['b', 'a']);
    expect(c.encryptionKey.equals(K2)).toBe(true);
  });
});

describe('cli.js migrate', () => {
  it('needs neither an API token nor an encryption key, and writes none into the data dir', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-migrate-nosecrets-'));
    await prepareDataDirFromTemplate(path.join(dataDir, 'pglite'));
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await migrate({ HUB_DATA_DIR: dataDir });
      expect(fs.readdirSync(dataDir)).toEqual(['pglite']);
    } finally {
      log.mockRestore();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('cli.js rotate-keys', () => {
  it('re-encrypts a format-1 store from the environment (PostgreSQL when configured, else embedded), then has nothing left to do', async () => {
    const adminUrl = process.env.TEST_DATABASE_URL;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-rotate-'));
    const pg = adminUrl ? await createThrowawayDatabase(adminUrl) : undefined;
    if (!pg) await prepareDataDirFromTemplate(path.join(dataDir, 'pglite'));
    const base = { HUB_DATA_DIR: dataDir, ...(pg ? { DATABASE_URL: pg.url } : {}) };
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await migrate(base);
      const ds = new DataSource(
        buildDataSourceOptions(pg ? { kind: 'postgres', url: pg.url } : { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') }, {
          migrationsRun: false,
        }),
      );
      await ds.initialize();
      try {
        await ds.query(`INSERT INTO selling_regions (code, name) VALUES ('europe', 'Europe')`);
        await ds.query(
          `INSERT INTO integrations (id, display_name, contract_version, manifest, credential_fields, available, last_loaded_at)
           VALUES ('demo-shop', 'Demo', 1, '{}'::jsonb, '[]'::jsonb, true, now())`,
        );
        await ds.query(
          `INSERT INTO stores (id, name, platform, selling_region, credentials, credential_names, notice_secret) VALUES ($1, 'old', 'demo-shop', 'europe', $2, '["shop","accessToken"]', $3)`,
          [STORE_A, formatOne(K1, values), sealNoticeSecret(new CredentialCipher(K1), STORE_A, 'notice-secret-under-the-old-key')],
        );
      } finally {
        await ds.destroy();
      }
      const env = { ...base, HUB_ENCRYPTION_KEYS: `k2:${K2.toString('hex')},default:${K1.toString('hex')}` };
      expect(await rotateKeys(env, { pauseMs: 1 })).toMatchObject({ examined: 1, reencrypted: 1, undecryptable: [], busy: [] });
      expect(await rotateKeys(env, { pauseMs: 1 })).toMatchObject({ examined: 1, reencrypted: 0, alreadyCurrent: 1 });
      // Without the old key the store still opens: it is under k2 now (its platform-notice secret too).
      expect(await rotateKeys({ ...base, HUB_ENCRYPTION_KEYS: `k2:${K2.toString('hex')}` }, { pauseMs: 1 })).toMatchObject({
        alreadyCurrent: 1,
        undecryptable: [],
      });
      // A key that opens nothing is reported (the credentials and the notice secret), and nothing is changed.
      expect(await rotateKeys({ ...base, HUB_ENCRYPTION_KEY: randomBytes(32).toString('hex') }, { pauseMs: 1 })).toMatchObject({
        reencrypted: 0,
        undecryptable: [STORE_A, STORE_A],
      });
      expect(fs.readdirSync(dataDir)).toEqual(pg ? [] : ['pglite']);
    } finally {
      log.mockRestore();
      await pg?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

describeHub(
  'rotate-keys',
  (hub) => {
    it('re-encrypts every store under the current key in batches, idempotently; old ciphertexts keep working until then', async () => {
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push(await createStore(hub(), { sellingRegion: 'europe', name: `rotate ${i}` }));
      // A store written before key ids existed (format 1).
      const legacyId = await createStore(hub(), { sellingRegion: 'europe', name: 'rotate legacy' });
      await hub().sql(`UPDATE stores SET credentials = $2 WHERE id = $1`, [legacyId, formatOne(K1, values)]);
      ids.push(legacyId);

      const rotated = new CredentialCipher([
        { id: 'k2', key: K2 },
        { id: 'default', key: K1 },
      ]);
      const first = await rotateCredentialKeys(hub().db, rotated, { batchSize: 2, pauseMs: 1 });
      expect(first).toMatchObject({ undecryptable: [], busy: [] });
      expect(first.reencrypted).toBeGreaterThanOrEqual(4);

      const onlyNew = new CredentialCipher([{ id: 'k2', key: K2 }]);
      const rows = await hub().sql<{ id: string; credentials: Buffer }>(
        `SELECT id::text AS id, credentials FROM stores WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      for (const row of rows) {
        expect(onlyNew.needsReencryption(row.credentials)).toBe(false);
        expect(onlyNew.decrypt(row.credentials, row.id)).toHaveProperty('accessToken');
      }
      expect(onlyNew.decrypt(rows.find((r) => r.id === legacyId)!.credentials, legacyId)).toEqual(values);

      const again = await rotateCredentialKeys(hub().db, rotated, { batchSize: 2, pauseMs: 1 });
      expect(again.reencrypted).toBe(0);
      expect(again.alreadyCurrent).toBe(again.examined);
    });

    it('a store whose credentials were copied from another store is reported, not rewritten; a leased store waits', async () => {
      const a = await createStore(hub(), { sellingRegion: 'europe', name: 'copy source' });
      const b = await createStore(hub(), { sellingRegion: 'europe', name: 'copy target' });
      await hub().sql(`UPDATE stores SET credentials = (SELECT credentials FROM stores WHERE id = $1) WHERE id = $2`, [a, b]);
      const busy = await createStore(hub(), { sellingRegion: 'europe', name: 'busy' });
      await hub().sql(`UPDATE stores SET sync_lease_owner = 'someone', sync_lease_until = now() + interval '1 hour' WHERE id = $1`, [busy]);

      const rotated = new CredentialCipher([
        { id: 'k3', key: randomBytes(32) },
        { id: 'default', key: K1 },
      ]);
      const report = await rotateCredentialKeys(hub().db, rotated, { passes: 2, pauseMs: 1 });
      expect(report.undecryptable).toContain(b);
      expect(report.undecryptable).not.toContain(a);
      expect(report.busy).toEqual([busy]);
      await hub().get(`/v1/stores/${a}`).expect(200);
    });
  },
  { env: { HUB_ENCRYPTION_KEY: K1.toString('hex') } },
);
