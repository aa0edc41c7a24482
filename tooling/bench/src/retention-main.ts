#!/usr/bin/env node
/**
 * `pnpm bench:retention [--stores N] [--runs-per-store N] [--changes-per-run N] [--notices N] [--days N] [--retention N]`:
 * the history's retention at scale (issue 10). A throwaway PostgreSQL database (DATABASE_URL / TEST_DATABASE_URL),
 * migrated by the hub's CLI, is filled set-based with `--days` of history in time order — every store's finished
 * runs with their changes, platform notices — then `node apps/hub/dist/cli.js prune-history --older-than-days
 * <retention>` deletes what is older, as the hub's hourly sweep does; a second prune shows what a sweep with
 * nothing to delete costs. Prints the figures and the command; not a test.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { WORKSPACE_ROOT } from '@stock-sync/sandbox';
import { Client } from 'pg';
import { createPostgresDatabase, postgresEnvPrefix, postgresServerUrl } from './database';

interface RetentionArgs {
  stores: number;
  runsPerStore: number;
  changesPerRun: number;
  notices: number;
  days: number;
  retention: number;
}

const DEFAULTS: RetentionArgs = { stores: 10_000, runsPerStore: 100, changesPerRun: 5, notices: 5_000_000, days: 60, retention: 30 };
const FLAGS: Record<string, keyof RetentionArgs> = {
  '--stores': 'stores',
  '--runs-per-store': 'runsPerStore',
  '--changes-per-run': 'changesPerRun',
  '--notices': 'notices',
  '--days': 'days',
  '--retention': 'retention',
};
export const RETENTION_USAGE = `usage: pnpm bench:retention ${Object.keys(FLAGS)
  .map((f) => `[${f} N]`)
  .join(' ')}  (defaults: ${Object.entries(FLAGS)
  .map(([f, k]) => `${f} ${DEFAULTS[k]}`)
  .join(', ')}; needs DATABASE_URL or TEST_DATABASE_URL)`;

export function parseRetentionArgs(argv: string[]): RetentionArgs {
  const args = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i += 2) {
    const key = FLAGS[argv[i]!];
    if (!key) throw new Error(`unknown option "${argv[i]}"`);
    const n = Number(argv[i + 1]);
    if (!Number.isInteger(n) || n < (key === 'retention' ? 0 : 1))
      throw new Error(`${argv[i]} must be a whole number, got "${argv[i + 1]}"`);
    args[key] = n;
  }
  if (args.retention >= args.days) throw new Error('--retention must be shorter than --days (else nothing is old enough to delete)');
  return args;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(args: RetentionArgs): Promise<void> {
  const serverUrl = postgresServerUrl();
  const db = await createPostgresDatabase(WORKSPACE_ROOT, serverUrl);
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    console.log(`· database: ${db.label}`);
    const minutesApart = (args.days * 24 * 60) / args.runsPerStore;
    const t0 = Date.now();
    for (const [what, sql, params] of [
      [
        'integration and region',
        `INSERT INTO integrations (id, display_name, contract_version, manifest, credential_fields, available) VALUES ('bench', 'Bench', 1, '{}', '[]', true); INSERT INTO selling_regions (code, name) VALUES ('europe', 'Europe')`,
        [],
      ],
      [
        'stores',
        `INSERT INTO stores (name, platform, selling_region, credentials) SELECT 'store ' || g, 'bench', 'europe', '\\x00' FROM generate_series(1, $1::int) g`,
        [args.stores],
      ],
      // Every store's runs, the oldest first (the order the hub writes them), spread evenly over --days.
      [
        'runs',
        `INSERT INTO sync_runs (store_id, trigger, dry_run, "full", status, created_at, started_at, finished_at)
         SELECT s.id, 'stock_update', false, false, 'succeeded', t.at, t.at, t.at + interval '2 seconds'
         FROM generate_series(1, $1::int) k
         CROSS JOIN LATERAL (SELECT now() - ($1::int - k + 1) * $2::float8 * interval '1 minute' AS at) t
         CROSS JOIN stores s ORDER BY k`,
        [args.runsPerStore, minutesApart],
      ],
      [
        'changes',
        `INSERT INTO sync_changes (run_id, external_product_id, external_variant_id, "to", outcome, created_at)
         SELECT r.id, 'p', 'v' || g, '{"inStock":true}', 'written', r.created_at FROM sync_runs r CROSS JOIN generate_series(1, $1::int) g
         ORDER BY r.created_at`,
        [args.changesPerRun],
      ],
      [
        'notices',
        `INSERT INTO platform_notices (store_id, platform, body_sha256, refs, marked, received_at)
         SELECT s.id, 'bench', md5(g::text), 1, 0, now() - ($1::int - g) * $2::float8 * interval '1 second'
         FROM generate_series(1, $1::int) g JOIN (SELECT id, row_number() OVER () - 1 AS n FROM stores) s ON s.n = g % $3::int
         ORDER BY g`,
        [args.notices, (args.days * 86_400) / args.notices, args.stores],
      ],
      ['statistics', `VACUUM ANALYZE`, []],
    ] as [string, string, unknown[]][]) {
      const t = Date.now();
      await client.query(sql, params);
      console.log(`· seeded ${what} (${seconds(Date.now() - t)})`);
    }
    const sizes = await client.query<{ relname: string; rows: string; size: string }>(
      `SELECT relname, n_live_tup AS rows, pg_size_pretty(pg_total_relation_size(relid)) AS size FROM pg_stat_user_tables
        WHERE relname IN ('sync_runs', 'sync_changes', 'platform_notices') ORDER BY relname`,
    );
    console.log(
      `· ${args.days} days of history seeded in ${seconds(Date.now() - t0)}: ${sizes.rows.map((r) => `${r.relname} ${r.rows} rows (${r.size})`).join(', ')}`,
    );

    const prune = async () => {
      const t = Date.now();
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [path.join(WORKSPACE_ROOT, 'apps', 'hub', 'dist', 'cli.js'), 'prune-history', '--older-than-days', String(args.retention)],
        { cwd: WORKSPACE_ROOT, env: { ...process.env, DATABASE_URL: db.url }, timeout: 3_600_000 },
      );
      return { line: stdout.trim(), ms: Date.now() - t };
    };
    const first = await prune();
    const again = await prune();
    console.log(`\nHistory retention at scale — ${args.stores} stores, ${args.days} days of history, retention ${args.retention} days`);
    console.log(`prune (the backlog of ${args.days - args.retention} days): ${seconds(first.ms)} with the CLI's start\n  ${first.line}`);
    console.log(`prune again (nothing older left, an hourly sweep's usual case): ${seconds(again.ms)}\n  ${again.line}`);
    console.log(
      `Reproduce: ${postgresEnvPrefix()}pnpm bench:retention ${Object.entries(FLAGS)
        .map(([f, k]) => `${f} ${args[k]}`)
        .join(' ')}`,
    );
  } finally {
    await client.end();
    await db.drop();
  }
}

if (require.main === module) {
  let args: RetentionArgs;
  try {
    args = process.argv.includes('--help') ? (console.log(RETENTION_USAGE), process.exit(0)) : parseRetentionArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\n${RETENTION_USAGE}`);
    process.exit(2);
  }
  main(args).then(
    () => process.exit(0),
    (e: Error) => {
      console.error(`failed: ${e.message}`);
      process.exit(1);
    },
  );
}
