/**
 * Opens StoreConnections: decrypts the store's credentials, builds the plugin's ConnectContext with the
 * SDK's HTTP client (the store's rate budget, the one retry layer, secrets registered for redaction, a
 * logger adapter that redacts too) and calls the plugin's connect().
 *
 * ONE rate limiter per store for the process lifetime: every connection to a store — a sync run, a
 * read-back, a credentials check — draws on the same budget, so together they never exceed it.
 */
import { Injectable, Logger } from '@nestjs/common';
import {
  createHttpClient,
  createRateLimiter,
  createRedactor,
  effectiveCredentialFields,
  redactDeep,
  secretValues,
  type HttpClient,
  type IntegrationPlugin,
  type PluginLogger,
  type RateLimiter,
  type StoreConnection,
} from '@stock-sync/plugin-sdk';
import { CredentialCipher } from '../crypto/credential-cipher';
import { PluginRegistry } from './plugin-registry.service';

/** What a connection needs to know about a store. `credentials` is the stored ciphertext. */
export interface ConnectableStore {
  id: string;
  platform: string;
  credentials: Uint8Array;
}

export interface OpenedConnection {
  connection: StoreConnection;
  /** The store's HTTP client (its stats count the API calls a run made). */
  http: HttpClient;
  plugin: IntegrationPlugin;
}

export class IntegrationUnavailable extends Error {
  constructor(readonly platform: string) {
    super(`integration "${platform}" is not loaded in this hub`);
    this.name = 'IntegrationUnavailable';
  }
}

@Injectable()
export class ConnectionFactory {
  private readonly limiters = new Map<string, RateLimiter>();

  constructor(
    private readonly registry: PluginRegistry,
    private readonly cipher: CredentialCipher,
  ) {}

  /** The plugin's StoreConnection for a stored store. */
  connect(store: ConnectableStore): StoreConnection {
    return this.open(store).connection;
  }

  open(store: ConnectableStore): OpenedConnection {
    // Check the platform first: no point decrypting credentials for a plugin that is not loaded.
    if (!this.registry.get(store.platform)) throw new IntegrationUnavailable(store.platform);
    return this.openWithCredentials(store.id, store.platform, this.cipher.decrypt(store.credentials));
  }

  /** For credentials not stored yet (verify on create/update); `storeId` keys the rate limiter. */
  openWithCredentials(storeId: string, platform: string, credentials: Readonly<Record<string, string>>): OpenedConnection {
    const plugin = this.registry.get(platform);
    if (!plugin) throw new IntegrationUnavailable(platform);
    const secrets = secretValues(effectiveCredentialFields(plugin.credentialFields), credentials);
    const log = pluginLogger(`plugin:${platform}:${storeId}`, secrets);
    const http = createHttpClient({ rateLimit: plugin.manifest.rateLimit, limiter: this.limiterFor(storeId, plugin), secrets, log });
    const connection = plugin.connect({ credentials: { ...credentials }, http, log });
    return { connection, http, plugin };
  }

  /** Drop a store's limiter (the store was deleted or moved platform). */
  forget(storeId: string): void {
    for (const key of this.limiters.keys()) if (key.startsWith(`${storeId}:`)) this.limiters.delete(key);
  }

  /**
   * The store's rate limiter (created on first use, kept for the process lifetime). The orchestrator
   * can `pause()` it when a run ends on RateLimited, so the next run waits too.
   */
  rateLimiter(storeId: string, platform: string): RateLimiter | undefined {
    const plugin = this.registry.get(platform);
    return plugin ? this.limiterFor(storeId, plugin) : undefined;
  }

  private limiterFor(storeId: string, plugin: IntegrationPlugin): RateLimiter {
    const key = `${storeId}:${plugin.manifest.id}`;
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = createRateLimiter(plugin.manifest.rateLimit);
      this.limiters.set(key, limiter);
    }
    return limiter;
  }
}

/** The plugin's logger: Nest's, with the store's secret values redacted from messages and metadata. */
function pluginLogger(context: string, secrets: string[]): PluginLogger {
  const nest = new Logger(context);
  const redact = createRedactor(secrets);
  const line = (message: string, meta?: Record<string, unknown>) =>
    meta && Object.keys(meta).length ? `${redact(message)} ${JSON.stringify(redactDeep(meta, redact))}` : redact(message);
  return {
    debug: (m, meta) => nest.debug(line(m, meta)),
    info: (m, meta) => nest.log(line(m, meta)),
    warn: (m, meta) => nest.warn(line(m, meta)),
    error: (m, meta) => nest.error(line(m, meta)),
  };
}
