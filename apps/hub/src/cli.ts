/**
 * Operator commands:
 * - `node dist/cli.js migrate` applies pending migrations to the configured database (DATABASE_URL, or
 *   the embedded one in HUB_DATA_DIR) and exits. It reads only the database settings: no API token or
 *   encryption key is needed, and none is generated.
 * - `node dist/cli.js rotate-keys [--batch-size N]` re-encrypts every store's credentials and webhook secret with the
 *   current key (the first of HUB_ENCRYPTION_KEYS), idempotently; exits non-zero when a store could not
 *   be decrypted or stayed busy. See crypto/rotate-keys.ts and the README ("Credential encryption").
 * - `node dist/cli.js prune-history [--older-than-days N]` deletes the history older than N days (default
 *   HUB_HISTORY_RETENTION_DAYS) as the hub's hourly sweep does, until nothing older is left, and prints what
 *   it deleted: for a process that runs no scheduler, or after the retention was lowered. See history/.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { developmentKey, parseEncryptionKeys } from './config/encryption-keys';
import { ConfigError, loadDatabaseConfig } from './config/hub-config';
import { CredentialCipher } from './crypto/credential-cipher';
import { rotateCredentialKeys, type RotationReport } from './crypto/rotate-keys';
import { rotateWebhookSecrets } from './webhooks/rotate-webhook-secrets';
import { rotateNoticeSecrets } from './notices/rotate-notice-secrets';
import { buildDataSourceOptions } from './database/data-source-options';
import { describeDatabase } from './database/describe-database';
import { loadHistoryConfig, retentionCutoff } from './history/history-config';
import { DEFAULT_PRUNE_LIMITS, pruneHistory, type PruneReport } from './history/prune-history';

type Env = Record<string, string | undefined>;

export async function migrate(env: Env = process.env): Promise<string[]> {
  const problems: string[] = [];
  const { database } = loadDatabaseConfig(env, problems);
  if (problems.length) throw new ConfigError(problems);
  const ds = new DataSource(buildDataSourceOptions(database, { migrationsRun: false }));
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    console.log(`${describeDatabase(database)}: ${applied.length ? `applied ${applied.map((m) => m.name).join(', ')}` : 'up to date'}`);
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

export async function rotateKeys(env: Env = process.env, options: { batchSize?: number; pauseMs?: number } = {}): Promise<RotationReport> {
  const problems: string[] = [];
  const { database, dataDir } = loadDatabaseConfig(env, problems);
  // Never generate a key here: a new key could not open anything stored.
  const keys = parseEncryptionKeys(env, problems) ?? (problems.length ? undefined : developmentKey(dataDir, false)?.keys);
  if (!keys && problems.length === 0) problems.push('set HUB_ENCRYPTION_KEYS (new key first, then the old ones) or HUB_ENCRYPTION_KEY');
  if (problems.length || !keys) throw new ConfigError(problems);
  const cipher = new CredentialCipher(keys);
  const ds = new DataSource(buildDataSourceOptions(database, { migrationsRun: false }));
  await ds.initialize();
  try {
    const report = await rotateCredentialKeys(ds, cipher, options);
    console.log(
      `${describeDatabase(database)}: current key "${cipher.currentKeyId}": ${report.examined} stores examined, ` +
        `${report.reencrypted} re-encrypted, ${report.alreadyCurrent} already current` +
        (report.undecryptable.length ? `; NO configured key opens: ${report.undecryptable.join(', ')}` : '') +
        (report.busy.length ? `; still busy syncing (run again): ${report.busy.join(', ')}` : ''),
    );
    const webhooks = await rotateWebhookSecrets(ds, cipher);
    console.log(
      `webhook secrets: ${webhooks.examined} examined, ${webhooks.reencrypted} re-encrypted` +
        (webhooks.undecryptable.length ? `; NO configured key opens the secret of webhook ${webhooks.undecryptable.join(', ')}` : ''),
    );
    const notices = await rotateNoticeSecrets(ds, cipher);
    console.log(
      `platform-notice secrets: ${notices.examined} examined, ${notices.reencrypted} re-encrypted` +
        (notices.undecryptable.length ? `; NO configured key opens the notice secret of store ${notices.undecryptable.join(', ')}` : ''),
    );
    return { ...report, undecryptable: [...report.undecryptable, ...webhooks.undecryptable, ...notices.undecryptable] };
  } finally {
    await ds.destroy();
  }
}

/** Deletes the history older than `olderThanDays` (else the configured retention; refused when that keeps it forever). */
export async function pruneHistoryNow(env: Env = process.env, olderThanDays?: number): Promise<PruneReport & { complete: boolean }> {
  const problems: string[] = [];
  const { database } = loadDatabaseConfig(env, problems);
  const days = olderThanDays ?? loadHistoryConfig(env, problems).retentionDays;
  if (days === null && problems.length === 0) {
    problems.push('HUB_HISTORY_RETENTION_DAYS=0 keeps the history forever: give --older-than-days N to prune anyway');
  }
  if (problems.length || days === null) throw new ConfigError(problems);
  const ds = new DataSource(buildDataSourceOptions(database, { migrationsRun: false }));
  await ds.initialize();
  try {
    const olderThan = retentionCutoff(new Date(), days);
    const started = Date.now();
    // No statement cap: run until nothing older is left (each statement still deletes one bounded batch).
    const report = await pruneHistory(ds.manager, olderThan, { ...DEFAULT_PRUNE_LIMITS, maxStatements: Number.MAX_SAFE_INTEGER });
    console.log(
      `${describeDatabase(database)}: history older than ${olderThan.toISOString()} (${days} days): deleted ${report.runs} finished runs ` +
        `with ${report.changes} changes, ${report.notices} platform notices, ${report.events} delivered webhook events ` +
        `in ${report.statements} statements, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return report;
  } finally {
    await ds.destroy();
  }
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'migrate':
      await migrate();
      return 0;
    case 'rotate-keys': {
      const i = rest.indexOf('--batch-size');
      const batchSize = i >= 0 ? Number(rest[i + 1]) : undefined;
      if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0)) {
        console.error('--batch-size must be a positive integer');
        return 2;
      }
      const report = await rotateKeys(process.env, { batchSize });
      return report.undecryptable.length || report.busy.length ? 1 : 0;
    }
    case 'prune-history': {
      const i = rest.indexOf('--older-than-days');
      const days = i >= 0 ? Number(rest[i + 1]) : undefined;
      if (days !== undefined && !(Number.isInteger(days) && days >= 0)) {
        console.error('--older-than-days must be a whole number of days (0: everything finished so far)');
        return 2;
      }
      await pruneHistoryNow(process.env, days);
      return 0;
    }
    default:
      console.error('usage: node dist/cli.js migrate | rotate-keys [--batch-size N] | prune-history [--older-than-days N]');
      return 2;
  }
}

if (require.main === module) {
  run(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e instanceof ConfigError ? e.message : `failed: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
