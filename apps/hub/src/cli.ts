/**
 * Operator commands: `node dist/cli.js migrate` applies pending migrations to the configured database
 * (DATABASE_URL, or the embedded one in HUB_DATA_DIR) and exits.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, loadHubConfig } from './config/hub-config';
import { buildDataSourceOptions } from './database/data-source-options';
import { describeDatabase } from './database/describe-database';

export async function migrate(env: Record<string, string | undefined> = process.env): Promise<string[]> {
  const config = loadHubConfig(env, (m) => console.warn(m));
  const ds = new DataSource(buildDataSourceOptions(config.database, { migrationsRun: false }));
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    console.log(`${describeDatabase(config.database)}: ${applied.length ? `applied ${applied.map((m) => m.name).join(', ')}` : 'up to date'}`);
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

async function run(argv: string[]): Promise<number> {
  const [command] = argv;
  switch (command) {
    case 'migrate':
      await migrate();
      return 0;
    default:
      console.error('usage: node dist/cli.js migrate');
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
