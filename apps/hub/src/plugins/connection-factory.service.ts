/**
 * Opens StoreConnections: decrypts the store's credentials, builds the plugin's ConnectContext with the
 * SDK's HTTP client (the store's rate budget, the one retry layer, secrets registered for redaction, a
 * logger adapter that redacts too) and calls the plugin's connect().
 *
 * ONE rate limiter per store for the process lifetime: every connection to a store — a sync run, a
 * read-back, a credentials check — draws on the same budget, so together they never exceed it.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  createHttpClient,
  createRateLimiter,
  createRedactor,
  effectiveCredentialFields,
  redactDeep,
  secretValues,
  Transient,
  type ConnectContext,
  type HttpClient,
  type IntegrationPlugin,
  type OAuthApp,
  type PluginLogger,
  type RateLimiter,
  type StoreConnection,
} from '@stock-sync/plugin-sdk';
import { HUB_CONFIG } from '../config/config.tokens';
import type { HubConfig } from '../config/hub-config';
import { oauthAppFor } from '../config/oauth-config';
import { observeCredentialRefresh } from '../metrics/hub-events';
import { CredentialCipher } from '../crypto/credential-cipher';
import { credentialsExpireAt } from '../stores/credentials-expiry';
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

/** A refreshed credential set: the values (never logged), their ciphertext and field names (`credential_names`). */
export interface RefreshedCredentials {
  values: Record<string, string>;
  ciphertext: Buffer;
  names: string[];
  /** The new set's accessTokenExpiresAt (stores.credentials_expire_at), null when it does not expire. */
  expiresAt: Date | null;
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
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  /** The platform app configured for `platform` (HUB_OAUTH_<PLATFORM>_*), given to connect and refresh as ConnectContext.app. */
  appFor(platform: string): OAuthApp | undefined {
    return oauthAppFor(this.config.oauth, platform);
  }

  /** The plugin's StoreConnection for a stored store. */
  connect(store: ConnectableStore): StoreConnection {
    return this.open(store).connection;
  }

  open(store: ConnectableStore): OpenedConnection {
    // Check the platform first: no point decrypting credentials for a plugin that is not loaded.
    if (!this.registry.get(store.platform)) throw new IntegrationUnavailable(store.platform);
    return this.openWithCredentials(store.id, store.platform, this.cipher.decrypt(store.credentials, store.id));
  }

  /** For credentials not stored yet (verify on create/update); `storeId` keys the rate limiter. */
  openWithCredentials(storeId: string, platform: string, credentials: Readonly<Record<string, string>>): OpenedConnection {
    const plugin = this.registry.get(platform);
    if (!plugin) throw new IntegrationUnavailable(platform);
    const app = this.appFor(platform);
    const secrets = [
      ...secretValues(effectiveCredentialFields(plugin.credentialFields), credentials),
      ...(app ? [app.clientSecret, ...(app.noticeKey ? [app.noticeKey] : [])] : []),
    ];
    const log = pluginLogger(`plugin:${platform}:${storeId}`, secrets);
    const http = createHttpClient({ rateLimit: plugin.manifest.rateLimit, limiter: this.limiterFor(storeId, plugin), secrets, log });
    const connection = plugin.connect({ credentials: { ...credentials }, http, log, ...(app ? { app } : {}) });
    return { connection, http, plugin };
  }

  /**
   * A plugin context for a store's own calls outside a run (subscribing to platform notices): the store's
   * rate budget, and `extraSecrets` (e.g. the notice secret) registered for redaction with the credentials.
   */
  contextFor(
    storeId: string,
    platform: string,
    credentials: Readonly<Record<string, string>>,
    extraSecrets: string[] = [],
  ): ConnectContext {
    const plugin = this.registry.get(platform);
    if (!plugin) throw new IntegrationUnavailable(platform);
    const app = this.appFor(platform);
    const secrets = [
      ...secretValues(effectiveCredentialFields(plugin.credentialFields), credentials),
      ...(app ? [app.clientSecret] : []),
      ...extraSecrets,
    ];
    const log = pluginLogger(`plugin:${platform}:${storeId}`, secrets);
    const http = createHttpClient({ rateLimit: plugin.manifest.rateLimit, limiter: this.limiterFor(storeId, plugin), secrets, log });
    return { credentials: { ...credentials }, http, log, ...(app ? { app } : {}) };
  }

  /** Whether the store's plugin can renew expiring credentials (the optional refreshCredentials hook). */
  canRefresh(platform: string): boolean {
    return typeof this.registry.get(platform)?.refreshCredentials === 'function';
  }

  /**
   * Asks the plugin for a fresh credential set (refreshCredentials) over the store's HTTP client `http`
   * (its rate budget and retry layer; the old secrets stay registered for redaction). Returns the new set
   * and its ciphertext (same cipher as every stored set). Throws what the plugin throws — the caller
   * decides; a malformed answer is a Transient. Persisting is the caller's job (under the store's lease).
   */
  async refreshCredentials(store: ConnectableStore, http: HttpClient): Promise<RefreshedCredentials> {
    // metrics: hub_credential_refreshes_total by outcome
    return observeCredentialRefresh(this.config.sync.instanceId, store.platform, this.askForFreshCredentials(store, http));
  }

  private async askForFreshCredentials(store: ConnectableStore, http: HttpClient): Promise<RefreshedCredentials> {
    const plugin = this.registry.get(store.platform);
    if (!plugin) throw new IntegrationUnavailable(store.platform);
    if (typeof plugin.refreshCredentials !== 'function') throw new Error(`integration "${store.platform}" cannot refresh credentials`);
    const current = this.cipher.decrypt(store.credentials, store.id);
    const app = this.appFor(store.platform);
    const secrets = [
      ...secretValues(effectiveCredentialFields(plugin.credentialFields), current),
      ...(app ? [app.clientSecret, ...(app.noticeKey ? [app.noticeKey] : [])] : []),
    ];
    const log = pluginLogger(`plugin:${store.platform}:${store.id}`, secrets);
    const values = await plugin.refreshCredentials({ credentials: Object.freeze({ ...current }), http, log, ...(app ? { app } : {}) });
    if (!isStringRecord(values))
      throw new Transient('the plugin answered the credential refresh with something other than a set of string values');
    return {
      values,
      ciphertext: this.cipher.encrypt(values, store.id),
      names: Object.keys(values),
      expiresAt: credentialsExpireAt(values),
    };
  }

  /**
   * An HTTP client and logger for an install flow's code exchange on `platform` (no store yet): the plugin's
   * rate policy on a limiter of its own, and `secrets` (the app secret, the code, the PKCE verifier)
   * registered for redaction.
   */
  exchangeClient(platform: string, label: string, secrets: readonly string[]): { http: HttpClient; log: PluginLogger } {
    const plugin = this.registry.get(platform);
    if (!plugin) throw new IntegrationUnavailable(platform);
    const list = secrets.filter((v) => v.length > 0);
    const log = pluginLogger(`plugin:${platform}:${label}`, list);
    const http = createHttpClient({
      rateLimit: plugin.manifest.rateLimit,
      limiter: createRateLimiter(plugin.manifest.rateLimit),
      secrets: list,
      log,
    });
    return { http, log };
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

function isStringRecord(v: unknown): v is Record<string, string> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');
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
