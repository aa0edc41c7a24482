/**
 * Starting the hub from an environment: validated config (a ConfigError names every bad variable),
 * the Nest app on HUB_HOST:HUB_PORT, and the start-up banner (where, which database, which token).
 */
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createHubApp } from './bootstrap';
import { loadHubConfig, type HubConfig } from './config/hub-config';
import { describeDatabase } from './database/describe-database';

export interface StartedHub {
  app: NestExpressApplication;
  config: HubConfig;
  url: string;
  banner: string;
}

export async function startHub(env: Record<string, string | undefined> = process.env): Promise<StartedHub> {
  const config = loadHubConfig(env, (m) => new Logger('Config').warn(m));
  const app = await createHubApp({ config });
  await app.listen(config.port, config.host);
  const url = (await app.getUrl()).replace('[::1]', 'localhost');
  const banner = [
    `Stock Sync Hub listening on ${url}`,
    `  database: ${describeDatabase(config.database)}`,
    `  API docs: ${url}/docs`,
    config.apiTokenGenerated
      ? `  API token (generated for development, kept in ${config.dataDir}/api-token): ${config.apiTokens[0]}`
      : `  API tokens: ${config.apiTokens.length} configured in HUB_API_TOKENS`,
    `  try: curl -H "Authorization: Bearer <token>" ${url}/v1/integrations`,
  ].join('\n');
  return { app, config, url, banner };
}
