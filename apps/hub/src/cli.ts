/**
 * Operator commands:
 * - `node dist/cli.js migrate` applies pending migrations to the configured database (DATABASE_URL, or
 *   the embedded one in HUB_DATA_DIR) and exits. It reads only the database settings: no API token or
 *   encryption key is needed, and none is generated.
 * - `node dist/cli.js rotate-keys [--batch-size N]` re-encrypts every store's credentials and webhook secret with the
 *   current key (the first of HUB_ENCRYPTION_KEYS), idempotently; exits non-zero when a store could not
 *   be decrypted or stayed busy. See crypto/rotate-keys.ts and the README ("Credential encryption").
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
    default:
      console.error('usage: node dist/cli.js migrate | rotate-keys [--batch-size N]');
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
