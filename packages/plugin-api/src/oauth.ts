/**
 * The optional `oauth` part of a plugin: how a merchant connects a store by the platform's own install /
 * consent screen, and how long what it returns lives. Mostly data (endpoints, scopes, PKCE, lifetimes); code
 * only for a platform's quirks (shop-specific hosts, signed callbacks, keys posted to a callback).
 *
 * The host owns the flow: it creates a single-use, expiring `state` bound to one connect request, builds the
 * authorize URL from this spec, receives the platform's callback on a public route, checks the state (and the
 * callback's signature through `verifyCallback`), exchanges the code (the standard RFC 6749 grant, or
 * `exchange` when the platform departs from it), stores the credentials encrypted and creates or reconnects
 * the store. Additive to contract version 1: a plugin without `oauth` is connected by posting its credentials.
 */
import type { CredentialField, PluginLogger } from './contract';
import type { HttpClient } from './http-client';

/** The credential field holding when the access token stops working (ISO 8601); absent = does not expire. */
export const ACCESS_TOKEN_EXPIRES_AT = 'accessTokenExpiresAt';
/** The credential field holding when the refresh token stops working (ISO 8601); absent = unknown / none. */
export const REFRESH_TOKEN_EXPIRES_AT = 'refreshTokenExpiresAt';

/**
 * The platform app's own identity (the hub's app registered with the platform), from hub configuration —
 * never from a merchant, never returned or logged.
 */
export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  /**
   * The platform's public key for the app (PEM), where the platform signs its notices with a key pair instead
   * of the client secret (Wix's RS256 webhooks). Not a secret.
   */
  publicKey?: string;
  /**
   * Since 1.4.0: the key the platform signs the app's notices with, where it is neither the client secret nor a
   * key pair (a webhook endpoint's own signing secret shown in the platform's developer console). From hub
   * configuration; a secret, never returned or logged. Notices `signedWith: 'app'` are verified with it when set.
   */
  noticeKey?: string;
  /**
   * Sandbox only, set by the operator in hub configuration: the origin (scheme://host:port) that replaces the
   * origin of every URL of this spec (authorize, token, refresh), e.g. a local simulator. Never per request.
   * A path of its own (a multi-tenant simulator's tenant prefix) goes before the platform's path. The code
   * exchange (exchangeCode) also gives it to the connected store as its `baseUrl` credential, so the store's
   * API calls reach the same sandbox.
   */
  baseUrl?: string;
}

/** A request the platform (or the merchant's browser, redirected by it) sends to one of the hub's public routes. */
export interface InboundRequest {
  method: string;
  /** The query string, decoded, first value of each name. */
  query: Readonly<Record<string, string>>;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string | undefined>>;
  /** The exact bytes received: signatures are computed over these, never over a re-serialised body. */
  rawBody: Buffer;
  /** The body parsed as JSON or form data when it is one, else undefined. */
  body: unknown;
}

/** What the host hands the plugin to build the platform's authorize URL for one connect request. */
export interface AuthorizeRequest {
  app: OAuthApp;
  /** What the merchant gave to start (validated against `connectFields`), e.g. { shop: 'acme.myshopify.com' }. */
  inputs: Readonly<Record<string, string>>;
  /** The hub's public callback URL for this platform. */
  redirectUri: string;
  /** Single-use, expiring, bound to this connect request. */
  state: string;
  /** BASE64URL(SHA-256(code_verifier)) when `pkce` is 'S256' (RFC 7636). */
  codeChallenge?: string;
}

/** What the host hands the plugin to turn an approved callback into credentials. */
export interface OAuthExchangeContext {
  app: OAuthApp;
  inputs: Readonly<Record<string, string>>;
  redirectUri: string;
  /** The callback as received (its state and signature already checked by the host). */
  callback: InboundRequest;
  /** The PKCE verifier of this connect request, when `pkce` is set. */
  codeVerifier?: string;
  /** A host HTTP client (the one retry layer, redaction, timeouts); the plugin sets baseURL/headers on it. */
  http: HttpClient;
  log: PluginLogger;
}

/** A connected store as the platform identifies it, with its full credential set. */
export interface ConnectedStore {
  /**
   * Every credential field the plugin's `connect` needs (validated against `credentialFields`), including
   * `accessTokenExpiresAt` / `refreshTokenExpiresAt` where the tokens expire.
   */
  credentials: Record<string, string>;
  /**
   * The platform's id of the store (shop domain, store hash, merchant id...): matches uninstall notices and
   * reconnects to the store. Not a secret.
   */
  externalStoreId: string;
}

/** A verified notice that the merchant removed the app (or revoked its access). */
export interface UninstallNotice {
  externalStoreId: string;
  /** Why, in words an operator understands, e.g. 'app uninstalled on Shopify (app/uninstalled webhook)'. */
  reason: string;
}

/** The token endpoint's answer, as RFC 6749 §5.1 names it (platforms may add fields). */
export interface TokenResponse {
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
  refresh_token_expires_in?: unknown;
  token_type?: unknown;
  scope?: unknown;
  [field: string]: unknown;
}

export interface PluginOAuth {
  /** Fields the merchant gives to start the flow (e.g. the shop domain); none for most platforms. */
  connectFields?: readonly CredentialField[];
  /**
   * The platform's authorize (consent) URL; `{name}` placeholders are filled from `inputs`, URL-encoded,
   * e.g. 'https://{shop}/admin/oauth/authorize'. The host adds client_id, redirect_uri, response_type=code,
   * scope, state and (with PKCE) code_challenge + code_challenge_method=S256, unless `authorizeUrlFor` is given.
   */
  authorizeUrl: string;
  /** The token endpoint (same placeholders), used by the standard code exchange and refresh. */
  tokenUrl?: string;
  scopes: readonly string[];
  /** How scopes are joined in the authorize URL; RFC 6749 says ' ', several platforms use ','. */
  scopeDelimiter?: ' ' | ',';
  /** Extra fixed query parameters of the authorize URL (e.g. { access_type: 'offline' }). */
  authorizeParams?: Readonly<Record<string, string>>;
  /** RFC 7636 PKCE with the S256 method (Etsy requires it). */
  pkce?: 'S256';
  /**
   * How the standard token requests authenticate the client and encode the body (default body + form):
   * 'body' = client_id + client_secret in the body, 'basic' = HTTP Basic (RFC 6749 §2.3.1), 'none' = a public
   * client sending its client_id alone (§3.2.1, e.g. Etsy with PKCE).
   */
  tokenRequest?: { clientAuthentication?: 'body' | 'basic' | 'none'; encoding?: 'form' | 'json' };
  /**
   * False when the platform's callback cannot carry our `state` (e.g. BigCommerce's single-click install):
   * the host then sends the merchant through a hub hop that binds the state to an HttpOnly cookie.
   */
  stateInCallback?: boolean;
  /** The documented lifetimes, as data, for the refresh-ahead sweep and the README. */
  tokenLifetime?: {
    /** Seconds an access token lives; absent = long-lived. */
    accessTokenSeconds?: number;
    refreshTokenSeconds?: number;
    /** Renew this long before expiry (default: the host's, a fraction of accessTokenSeconds). */
    refreshAheadSeconds?: number;
    /** Public URL of the platform document that states these lifetimes. */
    source: string;
  };

  /** Quirk: builds the authorize URL itself (instead of the template + standard parameters). */
  authorizeUrlFor?(req: AuthorizeRequest): string;
  /** Quirk: where the callback carries the state when not in `query.state` (e.g. WooCommerce's user_id). */
  readState?(req: InboundRequest): string | undefined;
  /**
   * Verifies the callback's own signature with the app secret (Shopify's HMAC-SHA256 of the query,
   * BigCommerce's signed payload...). False → the host refuses the callback (401) and writes nothing.
   * Absent = the platform does not sign its callback (the state check stands alone).
   */
  verifyCallback?(req: InboundRequest, app: OAuthApp): boolean;
  /**
   * Quirk: exchanges the approved callback for credentials when the platform departs from the standard
   * authorization_code grant at `tokenUrl`, or returns keys in the callback itself (WooCommerce).
   * Throws AuthError when the platform refuses the code.
   */
  exchange?(ctx: OAuthExchangeContext): Promise<ConnectedStore>;
  /**
   * Maps the standard token response (and the connect inputs) to the store's credentials and id. Required
   * when `exchange` is absent. May be async where the answer names no store and the plugin asks the platform
   * with the new token (through `ctx.http`).
   */
  toConnectedStore?(token: TokenResponse, ctx: OAuthExchangeContext): ConnectedStore | Promise<ConnectedStore>;
  /**
   * Where the platform notifies that the app was removed: verifies the notice (HMAC header, signed JWT...) and
   * names the store. null → the host answers 401 and changes nothing.
   */
  verifyUninstall?(req: InboundRequest, app: OAuthApp): UninstallNotice | null;
}
