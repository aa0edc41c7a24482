/** The simulator framework's public types (agreed with the plugin authors: see README). */
import type { TargetStock, VariantRef } from '@stock-sync/plugin-sdk';
import type { SimLatency } from './sim-latency';

/** What a test or the sandbox seeds into a simulated store. `initial` defaults to unlimited. */
export interface SeedVariant {
  variantId: string;
  sku?: string;
  initial?: TargetStock;
}
export interface SeedProduct {
  productId: string;
  title?: string;
  variants: SeedVariant[];
}

export interface SimRequest {
  method: string;
  /** Path without query string. */
  path: string;
  /** From ':name' segments of the route pattern. */
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** Parsed JSON, form bodies parsed to an object, else the raw string (undefined when empty). */
  body: unknown;
  rawBody: string;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Fault switches, owned by the framework. Counters count down as requests are answered. */
export interface FaultState {
  /**
   * `retryAfterHeader: false` strips any Retry-After header from the platform's throttled answer (the
   * platforms that document none: Squarespace, BASE, TikTok Shop); absent or true keeps the definition's answer.
   */
  rateLimit: { remaining: number; retryAfterSeconds: number; retryAfterHeader?: boolean };
  serverError: { remaining: number; status: number };
  delay: { remaining: number; ms: number };
  revoked: boolean;
}

export interface SimContext<TState> {
  state: TState;
  faults: FaultState;
  now(): number;
}

export interface SimRoute<TState> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** e.g. '/wp-json/wc/v3/products/:productId/variations/batch' */
  path: string;
  /** Rate-budget cost of this call (default 1); GraphQL simulators may compute their own throttle instead. */
  cost?: number | ((req: SimRequest, ctx: SimContext<TState>) => number);
  handle(req: SimRequest, ctx: SimContext<TState>): SimResponse | Promise<SimResponse>;
}

export interface PlatformSimulatorDefinition<TState> {
  /** The plugin id, e.g. 'woocommerce'. */
  id: string;
  displayName: string;
  createState(): TState;
  /** Credentials a store needs to talk to this simulator (MUST include baseUrl, the simulator's URL). */
  credentials(baseUrl: string): Record<string, string>;
  seed(state: TState, products: SeedProduct[]): void;
  /** The neutral view of one variant's stock; 'deleted' if it no longer exists, undefined if never seeded. */
  inspect(state: TState, ref: VariantRef): TargetStock | 'deleted' | undefined;
  /** Remove a variant (fault injection: "the merchant deleted it"). */
  deleteVariant(state: TState, ref: VariantRef): void;
  /** Change a variant as a merchant editing it by hand would (drift); `to` in neutral form. */
  manualEdit(state: TState, ref: VariantRef, to: TargetStock): void;
  /**
   * Platforms whose notices go to ONE webhook URL set in the app's settings (not subscribed through the API):
   * sets that URL for this simulated shop's app as a developer would in the platform's app dashboard, or
   * clears it (undefined). The simulator then delivers the shop's notices there, signed as documented.
   */
  setAppNoticeUrl?(state: TState, url: string | undefined): void;
  /**
   * The platform's auth check. Return undefined when the request is authorised, else the response the
   * platform gives. `revoked` is true while the credentials are revoked.
   */
  authenticate(req: SimRequest, creds: Record<string, string>, revoked: boolean): SimResponse | undefined;
  /** The platform's documented budget and how it answers when it is exceeded. */
  rateLimit: {
    capacity: number;
    refillPerSecond: number;
    /** The response when the budget is spent (429 + Retry-After, or Shopify's THROTTLED 200 …). */
    throttled(req: SimRequest, retryAfterSeconds: number): SimResponse;
    /** Headers to add to every answered response (e.g. Etsy's x-remaining-this-second). */
    headers?(remaining: number, capacity: number): Record<string, string>;
  };
  routes: SimRoute<TState>[];
  /**
   * The simulator's sandbox OAuth app (test values only), when it models the platform's install flow
   * (mounted with the testkit's OAuth kit, withOAuth): the client id / secret the sandbox hub is configured with.
   */
  /** `publicKey` (PEM): where the platform signs notices with a key pair (Wix), the key the hub verifies with. */
  /** `noticeKey`: where the platform signs the app's notices with a key of their own (HUB_OAUTH_<P>_NOTICE_KEY). */
  oauthApp?: { clientId: string; clientSecret: string; publicKey?: string; noticeKey?: string };
  /**
   * What a merchant gives to start this platform's install flow (the plugin's `oauth.connectFields`) for the
   * simulated shop, where it is not already part of `credentials` (e.g. Weebly's user id).
   */
  connectInputs?: Record<string, string>;
}

export interface SimRequestRecord {
  at: number;
  method: string;
  path: string;
  status: number;
}

export interface FaultRequest {
  rateLimit?: { count: number; retryAfterSeconds: number; retryAfterHeader?: boolean };
  serverError?: { count: number; status?: number };
  delay?: { ms: number; count: number };
  revoke?: boolean;
  /** The OAuth kit's consent step denies (true) or approves (false) from now on (simulators with withOAuth). */
  denyConsent?: boolean;
  deleteVariant?: VariantRef;
  clear?: boolean;
}

export interface RunningSimulator<TState = unknown> {
  readonly id: string;
  /** http://127.0.0.1:<port> */
  readonly baseUrl: string;
  readonly credentials: Record<string, string>;
  readonly state: TState;
  seed(products: SeedProduct[]): void;
  stock(ref: VariantRef): TargetStock | 'deleted' | undefined;
  manualEdit(ref: VariantRef, to: TargetStock): void;
  /** The app-settings notice URL (see PlatformSimulatorDefinition.setAppNoticeUrl); throws where the platform has none. */
  setAppNoticeUrl(url: string | undefined): void;
  faults: {
    /**
     * The next `count` requests (excluding /__sim routes) answer as the platform does when throttled.
     * `{ retryAfterHeader: false }`: without any Retry-After header, as platforms that document none do
     * (`retryAfterSeconds` still reaches `throttled()` for bodies that name a wait).
     */
    rateLimit(count: number, retryAfterSeconds: number, options?: { retryAfterHeader?: boolean }): void;
    /** 500/502/503 */
    serverError(count: number, status?: number): void;
    /** Slow responses (for client timeouts). */
    delay(ms: number, count: number): void;
    revokeCredentials(): void;
    restoreCredentials(): void;
    deleteVariant(ref: VariantRef): void;
    clear(): void;
  };
  /** Every platform request received (not /__sim routes), with time, method, path, status. */
  readonly requests: ReadonlyArray<SimRequestRecord>;
  resetRequests(): void;
  /** Every seeded variant with its current neutral stock (what GET /__sim/stock answers). */
  snapshot(): { productId: string; variantId: string; stock: TargetStock | 'deleted' | undefined }[];
  close(): Promise<void>;
}

export interface StartSimulatorOptions {
  /** Default 0 (ephemeral). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Clock for the rate budget (tests). Default Date.now. */
  now?: () => number;
  /** Injected platform latency (every platform request, not /__sim routes); none by default. */
  latency?: SimLatency;
}
