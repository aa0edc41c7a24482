/**
 * Starting the hub from an environment: validated config (a ConfigError names every bad variable),
 * the Nest app on HUB_HOST:HUB_PORT, and the start-up banner (where, which database, which token).
 */
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createHubApp } from './bootstrap';
import { loadHubConfig, type HubConfig } from './config/hub-config';
import { describeDatabase } from './database/describe-database';
import { MetricsListener } from './metrics/metrics-listener';

export interface StartedHub {
  app: NestExpressApplication;
  config: HubConfig;
  url: string;
  banner: string;
}

export async function startHub(env: Record<string, string | undefined> = process.env): Promise<StartedHub> {
  // Warnings wait for the app: then they go through the hub's logger (JSON lines) like every other line.
  const warnings: string[] = [];
  const config = loadHubConfig(env, (m) => warnings.push(m));
  const app = await createHubApp({ config });
  for (const m of warnings) new Logger('Config').warn(m);
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
    `  health: ${url}/health/live, ${url}/health/ready (no token)`,
    metricsLine(config, url, app.get(MetricsListener).url),
  ].join('\n');
  return { app, config, url, banner };
}

/** Where GET /metrics is served and which token it asks for (never printing a configured token). */
function metricsLine(config: HubConfig, url: string, listenerUrl: string | undefined): string {
  const m = config.metrics;
  if (!m.enabled) return '  metrics: off (NODE_ENV=production: set HUB_METRICS_TOKEN or HUB_METRICS_BIND)';
  const where = listenerUrl ?? `${url}/metrics`;
  if (!m.token) return `  metrics: ${where} (no token: HUB_METRICS_BIND only)`;
  if (m.tokenGenerated) return `  metrics: ${where} (token generated for development, kept in ${config.dataDir}/metrics-token: ${m.token})`;
  return `  metrics: ${where} (token in HUB_METRICS_TOKEN)`;
}
