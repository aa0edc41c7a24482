/**
 * The IntegrationPlugin contract: what one platform package provides, and all the hub may rely on.
 * Plugins are stateless objects with no framework inside (no Nest, no TypeORM, no other plugin).
 * Versioned by CONTRACT_VERSION (version.ts): additive changes are minor versions, breaking ones a new major.
 */
import type { TargetStock } from './target-stock';
import type { HttpClient } from './http-client';
import type { PluginError } from './errors';
import type { OAuthApp, PluginOAuth } from './oauth';
import type { PluginNotices } from './notices';

/**
 * A platform's own "your budget is spent" header, as data: the host's HTTP client reads it on every answer
 * and holds the store's requests for the pause it names (Retry-After and the IETF RateLimit-Remaining /
 * RateLimit-Reset pair are read for every platform without being declared). Header names are matched
 * case-insensitively. Exactly one of `remaining` and `usedOfLimit` is given.
 */
export interface RateLimitSignal {
  /** A header counting the requests left, spent at 0 or below, e.g. 'X-Rate-Limit-Requests-Left'. */
  remaining?: string;
  /** A header of the form "used/limit", spent when used >= limit, e.g. Shopify REST's 'X-Shopify-Shop-Api-Call-Limit'. */
  usedOfLimit?: string;
  /**
   * How long to hold off once spent: a fixed wait (`ms`), or a wait read from another header of the same
   * answer (`header`, in `unit` — 'ms' or 's'); no pause when that header is absent or unreadable.
   */
  pause: { ms: number } | { header: string; unit: 'ms' | 's' };
  /** Read the signal on 4xx/5xx answers too (default false: there the status speaks first). */
  onErrors?: boolean;
}

export interface RateLimitPolicy {
  /** Sustained requests per second one store connection may send. */
  requestsPerSecond: number;
  /** Requests that may go at once after a quiet period (token-bucket capacity). */
  burst: number;
  /** Free-form note of the platform's documented limit, with its source, for operators. */
  note?: string;
  /** The platform's own budget headers (since 1.2.0). */
  signals?: readonly RateLimitSignal[];
}

export interface PluginCapabilities {
  /** 'native': the platform has an unlimited / untracked form; 'emulated': the plugin fakes it (e.g. a high quantity). */
  unlimitedStock: 'native' | 'emulated';
  /** The most variant changes one platform write call carries. */
  maxBatch: number;
  /**
   * @deprecated since 1.4.0: the host ignores this flag. Every plugin implements `readStock` (the contract
   * requires it) and the host always reads back through it (after writes and at reconciliation). Still required in
   * 1.x, since hosts of 1.0–1.3 refuse a manifest without it: declare `true`. Removed in the next major.
   */
  readBack: boolean;
  /**
   * @deprecated since 1.4.0: the `notices` part declares inbound notices; the host ignores this flag. Leave it out.
   * When given, it must agree with the plugin: `true` only with `notices`, `false` only without (a host of 1.4
   * refuses a plugin built for 1.4 or later whose flag contradicts it). Removed in the next major.
   */
  webhooks?: boolean;
}

export interface PluginManifest {
  /** kebab-case platform id, e.g. 'shopify'; also the `platform` of a store. */
  id: string;
  displayName: string;
  /**
   * The plugin API version the plugin was built against: its major as a number (e.g. 1), or the full
   * version (e.g. CONTRACT_VERSION, "1.1.0"). The host refuses another major.
   */
  contractVersion: number | string;
  capabilities: PluginCapabilities;
  rateLimit: RateLimitPolicy;
  docsUrl?: string;
}

export interface CredentialField {
  name: string;
  /** Secret fields are encrypted at rest, redacted from logs and never returned by the API. */
  secret: boolean;
  required: boolean;
  description?: string;
}

/** A store variant on the platform, as the merchant's store identifies it. */
export interface VariantRef {
  externalProductId: string;
  externalVariantId: string;
}

export interface StockWrite extends VariantRef {
  target: TargetStock;
  /** What the hub believes the platform shows now (last written or last read), when it knows. */
  previous?: TargetStock | null;
  /**
   * Since 1.7.0: the `keep` this plugin returned with the variant's last successful write, sent only while
   * `previous` is that write's target (the hub has read nothing different since). A plugin may plan the write
   * from it instead of reading first (e.g. the platform's inventory item id); it must still land `target` when
   * the platform changed behind the hub, or fail. Hosts of 1.0–1.6 never send it: a plugin works without it.
   */
  kept?: Readonly<Record<string, string>>;
}

/**
 * Since 1.7.0, a written outcome may carry `keep`: a few short strings about the variant on the platform (ids, the
 * state written) that the host stores with it and sends back as `StockWrite.kept`. Not secret, never shown to
 * merchants; at most KEEP_LIMITS.entries entries of at most KEEP_LIMITS.chars characters each (the host drops a
 * larger one, logged: keepProblem in keep.ts). A written outcome without `keep` makes the host forget what it kept.
 */
export type WriteOutcome =
  (VariantRef & { status: 'written'; keep?: Readonly<Record<string, string>> }) | (VariantRef & { status: 'failed'; error: PluginError });

export type ObservedStock =
  (VariantRef & { status: 'found'; stock: TargetStock }) | (VariantRef & { status: 'failed'; error: PluginError });

export interface PluginLogger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

export interface ConnectContext {
  /** Validated against the plugin's credentialFields. Includes the optional `baseUrl` override. */
  credentials: Readonly<Record<string, string>>;
  /**
   * The host-owned HTTP client for this store: it carries the store's rate budget (shared across
   * connections to the same store), the one retry layer, timeouts, error mapping and redaction.
   */
  http: HttpClient;
  log: PluginLogger;
  /**
   * The platform app's client id / secret from hub configuration, when the operator configured one for this
   * platform (refresh grants of OAuth platforms need it). Never logged; never part of a store's credentials.
   */
  app?: OAuthApp;
}

export interface StoreConnection {
  /** Resolves when the credentials work; throws AuthError when the platform rejects them. */
  verify(): Promise<void>;
  /**
   * Writes each change, batched as the platform allows. Returns exactly one outcome per input, in
   * input order. Per-variant problems (NotFound, Rejected) come back as failed outcomes; when a
   * connection-level error (AuthError, RateLimited or Transient after the client's retries) stops
   * the work, the changes not yet written come back failed with that error. Writing a state the
   * platform already shows is harmless.
   */
  writeStock(changes: readonly StockWrite[]): Promise<WriteOutcome[]>;
  /** Reads each variant's current state, one result per input, in input order (same error rules). */
  readStock(refs: readonly VariantRef[]): Promise<ObservedStock[]>;
}

export interface IntegrationPlugin {
  manifest: PluginManifest;
  credentialFields: readonly CredentialField[];
  connect(ctx: ConnectContext): StoreConnection;
  /**
   * Optional, for platforms whose access tokens expire (OAuth 2 refresh-token grant). Exchanges the
   * credentials in `ctx` for fresh ones through `ctx.http` and returns the NEW FULL credential set
   * (every field, changed or not: e.g. a new accessToken, a rotated refreshToken, a new expiry in
   * `accessTokenExpiresAt` / `refreshTokenExpiresAt`, ISO 8601), which the host stores in place of the old set. Throws AuthError when the platform refuses the refresh
   * (revoked or expired refresh token): the store then needs new credentials from a person.
   * The host calls it ahead of expiry (from `accessTokenExpiresAt`), and at most once per failed operation
   * after an AuthError, one call per store at a time across hub processes; after an AuthError it retries the
   * operation once with a connection built from the returned credentials.
   * Never retry inside it: the HTTP client is the one retry layer.
   */
  refreshCredentials?(ctx: ConnectContext): Promise<Record<string, string>>;
  /** Optional: connecting a store by the platform's install / consent flow (see oauth.ts). */
  oauth?: PluginOAuth;
  /** Optional (since 1.3.0): the platform's inbound notices — drift corrected in seconds (see notices.ts). */
  notices?: PluginNotices;
}
