/**
 * The hub's configuration, read once from the environment and validated at start-up. Every problem is
 * reported together, naming the variable, so an operator fixes the environment in one go.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { DEFAULT_REFERENCE_DATA_PATH } from '@stock-sync/domain';
import { loadSyncConfig, SyncConfigError, type SyncConfig } from '../sync/sync-config';
import { loadHistoryConfig, type HistoryConfig } from '../history/history-config';
import { loadWebhookConfig, WebhookConfigError, type WebhookConfig } from '../webhooks/webhook-config';
import { loadAuthThrottleConfig, type AuthThrottleConfig } from './auth-config';
import { developmentKey, parseEncryptionKeys, type EncryptionKey } from './encryption-keys';
import { ensureGeneratedSecret } from './generated-secrets';
import { loadMetricsConfig, type MetricsConfig } from './metrics-config';
import { loadOAuthConfig, type OAuthConfig } from './oauth-config';

export type LogLevel = 'error' | 'warn' | 'log' | 'debug' | 'verbose';
const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

export type DatabaseConfig =
  | {
      kind: 'postgres';
      url: string;
      /** Name the hub's parameterized statements (database/named-statements.ts); absent: true. HUB_DATABASE_PREPARED_STATEMENTS. */
      preparedStatements?: boolean;
    }
  /**
   * dataDir is a filesystem directory, or 'memory://' for a throwaway in-memory database (tests);
   * preparedStatements as on PostgreSQL (database/pglite-named-statements.ts).
   */
  | { kind: 'pglite'; dataDir: string; preparedStatements?: boolean };

export interface HubConfig {
  production: boolean;
  database: DatabaseConfig;
  /** Run pending migrations at start-up (always in embedded mode; opt-in on PostgreSQL). */
  migrateOnStart: boolean;
  dataDir: string;
  apiTokens: string[];
  /** True when the token was generated (development), so start-up prints it. */
  apiTokenGenerated: boolean;
  /** Credential encryption keys: the first encrypts, all decrypt (HUB_ENCRYPTION_KEYS / HUB_ENCRYPTION_KEY). */
  encryptionKeys: EncryptionKey[];
  /** The key that encrypts (encryptionKeys[0].key). */
  encryptionKey: Buffer;
  port: number;
  host: string;
  referenceDataPath: string;
  pluginsDir: string;
  logLevel: LogLevel;
  /** Brute-force protection: failed authentications per client address (HUB_AUTH_*; see auth-config.ts). */
  auth: AuthThrottleConfig;
  /** The orchestrator's settings (HUB_SCHEDULER, HUB_SCHEDULER_TICK_MS, HUB_SYNC_*, …; see sync/sync-config.ts). */
  sync: SyncConfig;
  /** Outbound webhook delivery (HUB_WEBHOOK_*; see webhooks/webhook-config.ts). */
  webhooks: WebhookConfig;
  /** Install flows, app client ids/secrets, the refresh-ahead sweep (HUB_OAUTH_*, HUB_PUBLIC_URL, …; see oauth-config.ts). */
  oauth: OAuthConfig;
  /** GET /metrics: its own token and/or its own listener (HUB_METRICS_TOKEN, HUB_METRICS_BIND; see metrics-config.ts). */
  metrics: MetricsConfig;
  /** HUB_LOG_PRETTY: human-readable log lines instead of JSON (development; default: JSON). */
  logPretty: boolean;
  /** How long finished runs, notices and delivered events are kept (HUB_HISTORY_RETENTION_DAYS; history/history-config.ts). */
  history: HistoryConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid hub configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** apps/hub/{src,dist}/config → the monorepo root's plugins/ directory. */
export const DEFAULT_PLUGINS_DIR = path.resolve(__dirname, '..', '..', '..', '..', 'plugins');

type Env = Record<string, string | undefined>;
type Warn = (message: string) => void;

/**
 * Only where the database is (DATABASE_URL, else the embedded one in HUB_DATA_DIR): what `cli.js migrate`
 * needs — it must not need, nor generate, an API token or an encryption key.
 */
export function loadDatabaseConfig(env: Env, problems: string[]): { dataDir: string; database: DatabaseConfig } {
  const dataDir = path.resolve(nonEmpty(env.HUB_DATA_DIR) ?? './.hub-data');
  const databaseUrl = nonEmpty(env.DATABASE_URL);
  const prepared = parseBool(env.HUB_DATABASE_PREPARED_STATEMENTS, 'HUB_DATABASE_PREPARED_STATEMENTS', problems);
  const database: DatabaseConfig = databaseUrl
    ? { kind: 'postgres', url: databaseUrl, preparedStatements: prepared ?? true }
    : { kind: 'pglite', dataDir: path.join(dataDir, 'pglite'), preparedStatements: prepared ?? true };
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  return { dataDir, database };
}

export function loadHubConfig(env: Env = process.env, warn: Warn = (m) => console.warn(m)): HubConfig {
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';
  const { dataDir, database } = loadDatabaseConfig(env, problems);

  const migrateFlag = parseBool(env.HUB_MIGRATE_ON_START, 'HUB_MIGRATE_ON_START', problems);
  const port = parsePort(env.HUB_PORT, problems);
  const host = nonEmpty(env.HUB_HOST) ?? '127.0.0.1';

  const logLevelRaw = (nonEmpty(env.HUB_LOG_LEVEL) ?? 'log').toLowerCase();
  const logLevel = (logLevelRaw === 'info' ? 'log' : logLevelRaw) as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`HUB_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (or info), got "${logLevelRaw}"`);
  }

  // API tokens: required in production; generated once and kept in the data dir otherwise.
  let apiTokens = (env.HUB_API_TOKENS ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  let apiTokenGenerated = false;
  if (apiTokens.length === 0) {
    if (production) {
      problems.push('HUB_API_TOKENS is required when NODE_ENV=production (comma-separated bearer tokens)');
    }
  } else if (apiTokens.some((t) => t.length < 16)) {
    problems.push('HUB_API_TOKENS: every token must be at least 16 characters long');
  }

  // Encryption keys for credentials at rest: required in production; generated once otherwise.
  const keyProblems = problems.length;
  let encryptionKeys = parseEncryptionKeys(env, problems);
  if (!encryptionKeys && production && problems.length === keyProblems) {
    problems.push(
      'HUB_ENCRYPTION_KEYS or HUB_ENCRYPTION_KEY is required when NODE_ENV=production (32 bytes, hex or base64; e.g. `openssl rand -base64 32`)',
    );
  }

  const auth = loadAuthThrottleConfig(env, problems);
  const metrics = loadMetricsConfig(env, production, apiTokens, problems);
  const logPretty = parseBool(env.HUB_LOG_PRETTY, 'HUB_LOG_PRETTY', problems) ?? false;
  const oauth = loadOAuthConfig(env, production, problems);
  const history = loadHistoryConfig(env, problems);

  let sync: SyncConfig | undefined;
  try {
    sync = loadSyncConfig(env);
  } catch (e) {
    if (!(e instanceof SyncConfigError)) throw e;
    problems.push(...e.problems);
  }

  let webhooks: WebhookConfig | undefined;
  try {
    webhooks = loadWebhookConfig(env, sync?.schedulerEnabled ?? false);
  } catch (e) {
    if (!(e instanceof WebhookConfigError)) throw e;
    problems.push(...e.problems);
  }

  if (problems.length || !sync || !webhooks) throw new ConfigError(problems);

  if (apiTokens.length === 0) {
    const generated = ensureGeneratedSecret(dataDir, 'api-token', () => `hub_dev_${randomHex(24)}`);
    apiTokens = [generated.value];
    apiTokenGenerated = true;
  }
  if (!metrics.token && !metrics.bind && metrics.enabled) {
    metrics.token = ensureGeneratedSecret(dataDir, 'metrics-token', () => `hub_metrics_dev_${randomHex(24)}`).value;
    metrics.tokenGenerated = true;
  }
  if (!encryptionKeys) {
    const generated = developmentKey(dataDir, true)!;
    encryptionKeys = generated.keys;
    warn(
      `HUB_ENCRYPTION_KEY is not set: ${generated.created ? 'generated' : 'using'} a development key kept in ` +
        `${generated.file}. Set HUB_ENCRYPTION_KEY in production; losing this key makes stored credentials unreadable.`,
    );
  }

  return {
    production,
    database,
    migrateOnStart: database.kind === 'pglite' || migrateFlag === true,
    dataDir,
    apiTokens,
    apiTokenGenerated,
    encryptionKeys,
    encryptionKey: encryptionKeys[0]!.key,
    port,
    host,
    referenceDataPath: path.resolve(nonEmpty(env.HUB_REFERENCE_DATA) ?? DEFAULT_REFERENCE_DATA_PATH),
    pluginsDir: path.resolve(nonEmpty(env.HUB_PLUGINS_DIR) ?? DEFAULT_PLUGINS_DIR),
    logLevel,
    auth,
    sync,
    webhooks,
    oauth,
    metrics,
    logPretty,
    history,
  };
}

/** Nest logger levels enabled at (and above) the configured one. */
export function enabledLogLevels(level: LogLevel): LogLevel[] {
  return LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1);
}

function nonEmpty(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}

function parseBool(raw: string | undefined, name: string, problems: string[]): boolean | undefined {
  const v = nonEmpty(raw)?.toLowerCase();
  if (v === undefined) return undefined;
  if (['true', '1', 'yes'].includes(v)) return true;
  if (['false', '0', 'no'].includes(v)) return false;
  problems.push(`${name} must be true or false, got "${raw}"`);
  return undefined;
}

function parsePort(raw: string | undefined, problems: string[]): number {
  const v = nonEmpty(raw);
  if (v === undefined) return 8080;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    problems.push(`HUB_PORT must be a port number 0-65535, got "${raw}"`);
    return 8080;
  }
  return n;
}

function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}
