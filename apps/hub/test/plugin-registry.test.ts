import { CONTRACT_MAJOR } from '@stock-sync/plugin-sdk';
import { ConnectionFactory } from '../src/plugins/connection-factory.service';
import { discoverPlugins } from '../src/plugins/plugin-discovery';
import { PluginRegistry } from '../src/plugins/plugin-registry.service';
import { CredentialCipher } from '../src/crypto/credential-cipher';
import { GOOD_TOKEN, startFixturePlatform } from './support/fixture-platform';
import { describeHub, FIXTURE_PLUGINS_DIR } from './support/hub-harness';
import { createStore } from './support/scenario';

describe('discoverPlugins (fixture packages)', () => {
  const result = discoverPlugins(FIXTURE_PLUGINS_DIR);

  it('loads the valid plugin', () => {
    expect(result.loaded.map((l) => l.plugin.manifest.id)).toEqual(['demo-shop']);
    expect(result.loaded[0]!.plugin.manifest.contractVersion).toBe(CONTRACT_MAJOR);
  });

  it('skips each invalid one with the reason, and ignores packages that are not plugins', () => {
    const reasons = Object.fromEntries(result.rejected.map((r) => [r.packageName, r.reason]));
    expect(Object.keys(reasons).sort()).toEqual([
      '@stock-sync/fixture-plugin-bad-manifest',
      '@stock-sync/fixture-plugin-throws-on-require',
      '@stock-sync/fixture-plugin-wrong-contract',
    ]);
    expect(reasons['@stock-sync/fixture-plugin-wrong-contract']).toMatch(/plugin API 99 \(major 99\)/);
    expect(reasons['@stock-sync/fixture-plugin-bad-manifest']).toMatch(/manifest\.id.*kebab-case/);
    expect(reasons['@stock-sync/fixture-plugin-bad-manifest']).toMatch(/maxBatch/);
    expect(reasons['@stock-sync/fixture-plugin-throws-on-require']).toMatch(/failed to initialise/);
  });

  it('a missing plugins directory loads nothing', () => {
    expect(discoverPlugins('/nonexistent/plugins')).toEqual({ loaded: [], rejected: [] });
  });
});

describeHub('plugin registry and ConnectionFactory', (hub) => {
  it('reconciles the integrations table: loaded ones available', async () => {
    const rows = await hub().sql<{ id: string; available: boolean; contract_version: number; last_loaded_at: Date | null }>(
      `SELECT id, available, contract_version, last_loaded_at FROM integrations ORDER BY id`,
    );
    expect(rows).toEqual([{ id: 'demo-shop', available: true, contract_version: 1, last_loaded_at: expect.anything() }]);
  });

  it('a vanished plugin becomes unavailable with a reason; its stores stay intact and are reported', async () => {
    await hub().sql(
      `INSERT INTO integrations (id, display_name, contract_version, manifest, credential_fields, available, last_loaded_at)
       VALUES ('gone-shop', 'Gone Shop', 1, $1::jsonb, '[{"name":"token","secret":true,"required":true}]', true, now())`,
      [
        JSON.stringify({
          id: 'gone-shop',
          capabilities: { unlimitedStock: 'native', maxBatch: 1, readBack: false },
          rateLimit: { requestsPerSecond: 1, burst: 1 },
        }),
      ],
    );
    const cipher = hub().app.get(CredentialCipher);
    await hub().sql(
      `INSERT INTO stores (id, name, platform, selling_region, credentials, credential_names)
       VALUES ('11111111-1111-4111-8111-111111111111', 'orphan', 'gone-shop', 'europe', $1, '["token"]')`,
      [cipher.encrypt({ token: 'tok_test_orphan' }, '11111111-1111-4111-8111-111111111111')],
    );
    const registry = hub().app.get(PluginRegistry);
    await registry.load();

    const [row] = await hub().sql<{ available: boolean; unavailable_reason: string }>(
      `SELECT available, unavailable_reason FROM integrations WHERE id = 'gone-shop'`,
    );
    expect(row).toEqual({ available: false, unavailable_reason: expect.stringMatching(/no longer installed/) });
    expect(registry.unavailable).toEqual([{ id: 'gone-shop', reason: expect.any(String), stores: 1 }]);

    const store = await hub().get('/v1/stores/11111111-1111-4111-8111-111111111111').expect(200);
    expect(store.body).toMatchObject({ platform: 'gone-shop', platformAvailable: false, status: 'active' });

    const listed = await hub().get('/v1/integrations').expect(200);
    expect(listed.body.map((i: { id: string }) => i.id)).toEqual(['demo-shop']);
    const all = await hub().get('/v1/integrations?includeUnavailable=true').expect(200);
    expect(all.body.find((i: { id: string }) => i.id === 'gone-shop')).toMatchObject({
      available: false,
      unavailableReason: expect.any(String),
    });

    // Credentials cannot be changed for a platform that is not loaded, and new stores cannot use it.
    const patch = await hub()
      .patch('/v1/stores/11111111-1111-4111-8111-111111111111', { credentials: { token: 'x' } })
      .expect(400);
    expect(patch.body.details[0].path).toBe('credentials');
    await hub().patch('/v1/stores/11111111-1111-4111-8111-111111111111', { name: 'still editable' }).expect(200);
  });

  it('connect(store) decrypts the credentials and returns a working StoreConnection', async () => {
    const platform = await startFixturePlatform();
    try {
      const id = await createStore(hub(), {
        sellingRegion: 'europe',
        credentials: { shop: 'conn', accessToken: GOOD_TOKEN, baseUrl: platform.baseUrl },
      });
      const [store] = await hub().sql<{ id: string; platform: string; credentials: Uint8Array }>(
        `SELECT id, platform, credentials FROM stores WHERE id = $1`,
        [id],
      );
      const factory = hub().app.get(ConnectionFactory);
      const connection = factory.connect(store!);
      await connection.verify();
      const outcomes = await connection.writeStock([{ externalProductId: 'p', externalVariantId: 'v', target: { kind: 'out_of_stock' } }]);
      expect(outcomes).toEqual([{ externalProductId: 'p', externalVariantId: 'v', status: 'written' }]);
      expect(platform.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /shops/conn/verify', 'POST /stock']);

      // One rate limiter per store, shared by every connection to it.
      const a = factory.open(store!);
      const b = factory.open(store!);
      expect(a.http).not.toBe(b.http);
      expect(factory.rateLimiter(id, 'demo-shop')).toBe(factory.rateLimiter(id, 'demo-shop'));
      expect(factory.rateLimiter('22222222-2222-4222-8222-222222222222', 'demo-shop')).not.toBe(factory.rateLimiter(id, 'demo-shop'));
      const limiter = factory.rateLimiter(id, 'demo-shop')!;
      const acquiredBefore = limiter.stats.acquired;
      await a.connection.verify();
      await b.connection.verify();
      expect(limiter.stats.acquired - acquiredBefore).toBe(2);
    } finally {
      await platform.close();
    }
  });

  it('a store of an unloaded platform cannot connect', () => {
    const factory = hub().app.get(ConnectionFactory);
    expect(() => factory.connect({ id: 'x', platform: 'gone-shop', credentials: new Uint8Array(40) })).toThrow(/not loaded/);
  });
});
