/**
 * Builds a plugin's ConnectContext exactly as the hub does: credentials validated against the
 * plugin's fields, an HTTP client from the SDK with the manifest's rate budget and the secret values
 * registered for redaction, and a logger (here one that keeps every line for secret checks).
 */
import {
  createHttpClient,
  effectiveCredentialFields,
  secretValues,
  validateCredentials,
  type CreateHttpClientOptions,
  type HttpClient,
  type IntegrationPlugin,
  type PluginLogger,
  type RateLimitPolicy,
  type StoreConnection,
} from '@stock-sync/plugin-sdk';

export interface RecordingLogger extends PluginLogger {
  readonly lines: string[];
}

export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  const at = (level: string) => (message: string, meta?: Record<string, unknown>) => {
    let m: string;
    try {
      m = meta ? ` ${JSON.stringify(meta)}` : '';
    } catch {
      m = ' [unserialisable meta]';
    }
    lines.push(`${level} ${message}${m}`);
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export interface HubConnection {
  connection: StoreConnection;
  http: HttpClient;
  log: RecordingLogger;
  /** The secret credential values (what must never appear in a message or log line). */
  secrets: string[];
}

export type HubClientOptions = Omit<CreateHttpClientOptions, 'rateLimit' | 'secrets' | 'log'>;

/** How connectAsHub departs from the hub, for plugin tests that need it (the contract suite never does). */
export interface HubConnectionOverrides {
  /** A budget other than the manifest's (tests of a platform's behaviour, not of its budget); the manifest's `signals` stay unless it names its own. */
  rateLimit?: RateLimitPolicy;
  /** false: hand the credentials to the plugin as given, for tests of the plugin's own credential checks. */
  validate?: boolean;
}

export function connectAsHub(
  plugin: IntegrationPlugin,
  rawCredentials: Record<string, string>,
  clientOptions: HubClientOptions = {},
  overrides: HubConnectionOverrides = {},
): HubConnection {
  let credentials: Record<string, string> = { ...rawCredentials };
  if (overrides.validate !== false) {
    const checked = validateCredentials(plugin.credentialFields, rawCredentials);
    if (!checked.ok) {
      throw new Error(
        `the credentials do not validate against ${plugin.manifest.id}'s credentialFields: ${checked.errors.map((e) => e.message).join('; ')}`,
      );
    }
    credentials = checked.values;
  }
  const secrets = secretValues(effectiveCredentialFields(plugin.credentialFields), credentials);
  const log = recordingLogger();
  // Another budget keeps the platform's declared signals (they are platform facts, not budget), unless it brings its own.
  const rateLimit = overrides.rateLimit
    ? { signals: plugin.manifest.rateLimit.signals, ...overrides.rateLimit }
    : plugin.manifest.rateLimit;
  const http = createHttpClient({ ...clientOptions, rateLimit, secrets, log });
  const connection = plugin.connect({ credentials: Object.freeze({ ...credentials }), http, log });
  return { connection, http, log, secrets };
}
