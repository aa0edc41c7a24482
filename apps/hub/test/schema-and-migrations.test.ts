import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { migrate } from '../src/cli';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { HUB_MIGRATIONS } from '../src/migrations';
import { describeHub } from './support/hub-harness';
import { prepareDataDirFromTemplate } from './support/pglite-template';
import { createThrowawayDatabase } from './support/throwaway-postgres';

describeHub('schema', (hub) => {
  it('the migrated schema matches the entities (nothing for synchronize to create or alter)', async () => {
    const pending = await hub().db.driver.createSchemaBuilder().log();
    // Indexes that only serve queries may live in migrations alone (synchronize is never used), so a
    // DROP INDEX of one is not drift; every other difference between entities and tables is.
    const drift = pending.upQueries.map((q) => q.query).filter((q) => !/^DROP INDEX /.test(q));
    expect(drift).toEqual([]);
  });

  it('every migration is recorded as applied', async () => {
    const rows = await hub().sql<{ name: string }>(`SELECT name FROM hub_migrations ORDER BY id`);
    expect(rows.map((r) => r.name)).toEqual(HUB_MIGRATIONS.map((M) => new M().name));
  });

  it('the pending-work index is partial and the sync-variant key unique', async () => {
    const idx = await hub().sql<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_sync_variants_pending'`);
    expect(idx[0]!.indexdef).toMatch(/WHERE pending/);
    const uq = await hub().sql(`SELECT 1 FROM pg_constraint WHERE conname = 'uq_sync_variants_store_external' AND contype = 'u'`);
    expect(uq).toHaveLength(1);
  });

  it("the hub's PostgreSQL sessions run without JIT compilation (the embedded database has none)", async () => {
    if (hub().kind !== 'postgres') return;
    // Several pooled connections, not only the first: the setting is a startup option of every one.
    const answers = await Promise.all(Array.from({ length: 5 }, () => hub().sql<{ jit: string }>(`SHOW jit`)));
    expect(answers.map((a) => a[0]!.jit)).toEqual(['off', 'off', 'off', 'off', 'off']);
  });

  it("a store's synced variants are indexed in id order (a store run's chunks: store_id = $1 AND id > $2 ORDER BY id)", async () => {
    const idx = await hub().sql<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_sync_variants_store_id'`);
    expect(idx[0]?.indexdef).toMatch(/\(store_id, id\)$/);
  });
});

// The migrate command against a fresh database: PostgreSQL when available (a throwaway database),
// else an embedded data dir. Then down() of every migration, and up again.
describe('node dist/cli.js migrate', () => {
  it('applies every migration to a fresh database, is idempotent, and every down() reverts cleanly', async () => {
    const adminUrl = process.env.TEST_DATABASE_URL;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-migrate-'));
    const pg = adminUrl ? await createThrowawayDatabase(adminUrl) : undefined;
    const env = {
      HUB_DATA_DIR: dataDir,
      HUB_API_TOKENS: 'migrate_token_0123456789abcdef',
      HUB_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      ...(pg ? { DATABASE_URL: pg.url } : {}),
    };
    if (!pg) await prepareDataDirFromTemplate(path.join(dataDir, 'pglite'));
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await migrate(env)).toEqual(HUB_MIGRATIONS.map((M) => new M().name));
      expect(await migrate(env)).toEqual([]);
      const ds = new DataSource(
        buildDataSourceOptions(pg ? { kind: 'postgres', url: pg.url } : { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') }, {
          migrationsRun: false,
        }),
      );
      await ds.initialize();
      try {
        for (let i = 0; i < HUB_MIGRATIONS.length; i++) await ds.undoLastMigration();
        const tables = await ds.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'hub_migrations'`);
        expect(tables).toEqual([]);
        expect((await ds.runMigrations()).length).toBe(HUB_MIGRATIONS.length);
      } finally {
        await ds.destroy();
      }
    } finally {
      log.mockRestore();
      await pg?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
