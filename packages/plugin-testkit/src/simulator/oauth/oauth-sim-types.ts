/**
 * The OAuth simulator kit's configuration: one platform's consent and token endpoints, described by its own
 * paths, lifetimes, client authentication, answer shapes and callback signing. Every platform simulator that
 * has an install flow mounts the kit (withOAuth) with these facts instead of writing its own endpoints.
 */
import type { SimContext, SimRequest, SimResponse } from '../types';

/** The simulator's sandbox app (test values only; the hub's configuration for this platform in the sandbox). */
export interface SimOAuthApp {
  clientId: string;
  clientSecret: string;
}

/** What the consent step saw: the authorize request's parameters, as the platform reads them. */
export interface ConsentRequest {
  clientId: string;
  redirectUri: string;
  state?: string;
  scope?: string;
  /** The whole query of the authorize request (first value of each name). */
  query: Record<string, string>;
  /** Whom the grant is for (e.g. Shopify's shop); `subject()` of the config, else the sandbox's one store. */
  subject: string;
}

/** What the token endpoint issued for one grant (what the answer shape is built from). */
export interface IssuedTokens {
  grant: 'authorization_code' | 'refresh_token';
  accessToken: string;
  /** Seconds, by the simulator clock; undefined = does not expire. */
  expiresIn?: number;
  refreshToken?: string;
  refreshTokenExpiresIn?: number;
  scope: string;
  subject: string;
}

export type ClientAuthentication = 'body' | 'basic' | 'none';

/** Why an API request with a token the kit issued is refused. */
export type RefusedTokenReason = 'expired' | 'unknown';

export interface OAuthSimulatorConfig<TState> {
  app: SimOAuthApp;
  /** GET: the consent screen (auto-approves unless denied). */
  authorizePath: string;
  /** POST: the authorization_code and refresh_token grants. */
  tokenPath: string;
  /** POST: RFC 7009 revocation (token=...), when the platform has it. */
  revokePath?: string;
  /** Access token lifetime (seconds, simulator clock); absent = never expires. */
  accessTokenSeconds?: number;
  /** false: no refresh tokens (long-lived access tokens). Default true. */
  issueRefreshTokens?: boolean;
  /** Refresh token lifetime (seconds); absent = does not expire. */
  refreshTokenSeconds?: number;
  /** A refresh spends the refresh token and issues a new one. Default true. */
  rotateRefreshTokens?: boolean;
  /**
   * With rotation: how long (seconds from its first use) a replaced refresh token keeps working until its
   * replacement is first used — Shopify keeps it for a lost or unsaved refresh answer (30 days). Default: none.
   */
  retainReplacedRefreshTokenSeconds?: number;
  /** The grant a token request without grant_type is (Shopify's code exchange sends none). Default: refused. */
  grantTypeWhenAbsent?: 'authorization_code';
  /** True when a token request asks for a long-lived token (no expiry, no refresh token), e.g. Shopify without expiring=1. */
  nonExpiring?(req: SimRequest): boolean;
  /** How long an authorization code lives (seconds). Default 600 (RFC 6749 §4.1.2: 10 minutes at most). */
  codeSeconds?: number;
  /** 'required': the authorize request must carry an S256 challenge. Default: verified when one was sent. */
  pkce?: 'required' | 'optional';
  /** Accepted client authentications at the token endpoint. Default ['body', 'basic']. */
  clientAuthentication?: readonly ClientAuthentication[];
  /** Accepted request encodings at the token endpoint. Default ['form']. */
  encodings?: readonly ('form' | 'json')[];
  /** Prefixes of the minted values, to look like the platform's (e.g. Shopify's 'shpat_' / 'shprt_'). */
  prefixes?: { code?: string; accessToken?: string; refreshToken?: string };
  /** Whom a consent grants access to (e.g. the shop named in the authorize request). Default 'sandbox'. */
  subject?(req: SimRequest, ctx: SimContext<TState>): string;
  /** Parameters of the approving redirect (default: code and state); Shopify adds shop, timestamp and hmac. */
  approveParams?(params: { code: string; state?: string }, consent: ConsentRequest, ctx: SimContext<TState>): Record<string, string>;
  /** Parameters of the denying redirect (default RFC 6749 §4.1.2.1: error=access_denied, error_description, state). */
  deniedParams?(consent: ConsentRequest, ctx: SimContext<TState>): Record<string, string>;
  /** The token endpoint's answer (default RFC 6749 §5.1 JSON). */
  tokenAnswer?(issued: IssuedTokens, ctx: SimContext<TState>): SimResponse;
  /** The token endpoint's error answer (default RFC 6749 §5.2: 400/401 { error, error_description }). */
  errorAnswer?(status: number, error: string, description: string): SimResponse;
  /** Where the platform's API requests carry the access token (for withOAuth's check). Default 'Authorization: Bearer'. */
  readAccessToken?(req: SimRequest): string | undefined;
  /**
   * The platform's own checks of an API request that come before its token is looked at (required headers,
   * the store in the path): the refusal, or undefined. They apply to issued tokens as to the static
   * credentials; the kit's own endpoints skip them.
   */
  checkRequest?(req: SimRequest): SimResponse | undefined;
  /** The platform's answer to an API request whose issued token expired or was revoked (default 401 invalid_token). */
  refused?(req: SimRequest, reason: RefusedTokenReason): SimResponse;
}
