/**
 * Starts the hub: validated config, database (migrated in embedded mode), plugins, HTTP API.
 * Prints where it listens, which database it uses and the API token to use.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createHubApp } from './bootstrap';
import { ConfigError, loadHubConfig } from './config/hub-config';
import { describeDatabase } from './database/describe-database';

async function main(): Promise<void> {
  let config;
  try {
    config = loadHubConfig(process.env, (m) => new Logger('Config').warn(m));
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const app = await createHubApp({ config });
  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  const base = url.replace('[::1]', 'localhost');
  const lines = [
    `Stock Sync Hub listening on ${base}`,
    `  database: ${describeDatabase(config.database)}`,
    `  API docs: ${base}/docs`,
    config.apiTokenGenerated
      ? `  API token (generated for development, kept in ${config.dataDir}/api-token): ${config.apiTokens[0]}`
      : `  API tokens: ${config.apiTokens.length} from HUB_API_TOKENS`,
    `  try: curl -H "Authorization: Bearer <token>" ${base}/v1/integrations`,
  ];
  console.log(lines.join('\n'));
}

main().catch((e) => {
  console.error(`the hub failed to start: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  process.exit(1);
});
