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
  type StoreConnection,
} from '@stock-sync/plugin-sdk';

export interface RecordingLogger extends PluginLogger {
  readonly lines: string[];
}

export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  const at = (level: string) => (message: string, meta?: Record<string, unknown>) => {
    let m = '';
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

export function connectAsHub(plugin: IntegrationPlugin, rawCredentials: Record<string, string>, clientOptions: HubClientOptions = {}): HubConnection {
  const checked = validateCredentials(plugin.credentialFields, rawCredentials);
  if (!checked.ok) {
    throw new Error(`the credentials do not validate against ${plugin.manifest.id}'s credentialFields: ${checked.errors.map((e) => e.message).join('; ')}`);
  }
  const secrets = secretValues(effectiveCredentialFields(plugin.credentialFields), checked.values);
  const log = recordingLogger();
  const http = createHttpClient({ ...clientOptions, rateLimit: plugin.manifest.rateLimit, secrets, log });
  const connection = plugin.connect({ credentials: Object.freeze({ ...checked.values }), http, log });
  return { connection, http, log, secrets };
}
