/**
 * `node dist/cli.js prune-history [--older-than-days N]`: the operator's prune, against a fresh database (PostgreSQL
 * when available, else an embedded data dir) migrated by `cli.js migrate`. It needs no API token or key.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { migrate, pruneHistoryNow } from '../../src/cli';
import { ConfigError } from '../../src/config/hub-config';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { prepareDataDirFromTemplate } from '../support/pglite-template';
import { createThrowawayDatabase } from '../support/throwaway-postgres';

describe('node dist/cli.js prune-history', () => {
  it('deletes what is older than --older-than-days (else the configured retention) and reports it', async () => {
    const adminUrl = process.env.TEST_DATABASE_URL;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-prune-'));
    const pg = adminUrl ? await createThrowawayDatabase(adminUrl) : undefined;
    const env: Record<string, string> = { HUB_DATA_DIR: dataDir, ...(pg ? { DATABASE_URL: pg.url } : {}) };
    if (!pg) await prepareDataDirFromTemplate(path.join(dataDir, 'pglite'));
    const lines: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    const seed = async (sql: string[]) => {
      const ds = new DataSource(
        buildDataSourceOptions(pg ? { kind: 'postgres', url: pg.url } : { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') }, {
          migrationsRun: false,
        }),
      );
      await ds.initialize();
      try {
        for (const s of sql) await ds.query(s);
        return Number((await ds.query(`SELECT count(*) AS n FROM platform_notices`))[0].n);
      } finally {
        await ds.destroy();
      }
    };
    try {
      await migrate(env);
      await seed([
        `INSERT INTO integrations (id, display_name, contract_version, manifest, credential_fields, available) VALUES ('demo', 'Demo', 1, '{}', '[]', true)`,
        `INSERT INTO selling_regions (code, name) VALUES ('europe', 'Europe')`,
        `INSERT INTO stores (id, name, platform, selling_region, credentials) VALUES ('00000000-0000-4000-8000-000000000001', 's', 'demo', 'europe', '\\x00')`,
        `INSERT INTO platform_notices (store_id, platform, body_sha256, refs, marked, received_at)
           SELECT '00000000-0000-4000-8000-000000000001', 'demo', 'n' || g, 1, 0, now() - make_interval(hours => 12 + 24 * (20 - g)) FROM generate_series(1, 20) g`,
      ]);
      // 20 notices, 19.5 … 0.5 days old: older than 10 days are the 10 of 10.5 … 19.5 days.
      expect(await pruneHistoryNow(env, 10)).toMatchObject({ notices: 10, runs: 0, complete: true });
      expect(lines.at(-1)).toMatch(
        /history older than .* \(10 days\): deleted 0 finished runs with 0 changes, 10 platform notices, 0 delivered webhook events in \d+ statements/,
      );
      expect(await seed([])).toBe(10);
      // The configured retention (30 days) keeps the rest; 0 keeps everything and needs --older-than-days.
      expect(await pruneHistoryNow(env)).toMatchObject({ notices: 0 });
      await expect(pruneHistoryNow({ ...env, HUB_HISTORY_RETENTION_DAYS: '0' })).rejects.toThrow(
        /HUB_HISTORY_RETENTION_DAYS=0 keeps the history forever: give --older-than-days N/,
      );
      await expect(pruneHistoryNow({ ...env, HUB_HISTORY_RETENTION_DAYS: 'x' })).rejects.toBeInstanceOf(ConfigError);
      expect(await pruneHistoryNow(env, 0)).toMatchObject({ notices: 10 });
      expect(await seed([])).toBe(0);
    } finally {
      log.mockRestore();
      await pg?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
