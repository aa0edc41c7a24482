/**
 * The kit's state for one simulated shop: codes, access and refresh tokens with their expiry (simulator
 * clock), the grants they belong to, and the consent switch. Kept beside the platform's own state (keyed by
 * it), so one definition serves many shops and a multi-tenant server keeps each tenant's grants apart.
 */
import { randomBytes } from 'node:crypto';

export interface CodeRecord {
  clientId: string;
  redirectUri: string;
  challenge?: string;
  scope: string;
  subject: string;
  expiresAt: number;
  /** Spent by its first exchange; a second exchange is refused and revokes what the first issued (RFC 6749 §4.1.2). */
  used: boolean;
  grantId: number;
}

export interface TokenRecord {
  grantId: number;
  clientId: string;
  scope: string;
  subject: string;
  /** null = does not expire. */
  expiresAt: number | null;
  /** Refresh tokens: the refresh token this one replaced (retired when this one is first used). */
  replaces?: string;
  /** Refresh tokens: when it was first used (the start of a replaced token's retention). */
  firstUsedAt?: number;
}

export interface OAuthSimState {
  codes: Map<string, CodeRecord>;
  accessTokens: Map<string, TokenRecord>;
  refreshTokens: Map<string, TokenRecord>;
  /** Consent is denied while true (the merchant clicks "cancel"). */
  consentDenied: boolean;
  /** Counters tests read. */
  counts: { consents: number; denials: number; exchanges: number; refreshes: number; refused: number };
  nextGrantId: number;
}

const states = new WeakMap<object, OAuthSimState>();
/** Every access token any kit minted in this process: the auth check defers them to the shop's own records. */
const issuedAccessTokens = new Set<string>();

export function createOAuthSimState(): OAuthSimState {
  return {
    codes: new Map(),
    accessTokens: new Map(),
    refreshTokens: new Map(),
    consentDenied: false,
    counts: { consents: 0, denials: 0, exchanges: 0, refreshes: 0, refused: 0 },
    nextGrantId: 1,
  };
}

/** The kit's state of the shop whose platform state is `platformState` (created on first use). */
export function oauthSimState(platformState: unknown): OAuthSimState {
  if (typeof platformState !== 'object' || platformState === null)
    throw new Error('the OAuth kit needs the platform state to be an object');
  let s = states.get(platformState);
  if (!s) {
    s = createOAuthSimState();
    states.set(platformState, s);
  }
  return s;
}

/** Unguessable, with the platform's look. */
export function mint(prefix: string): string {
  return `${prefix}${randomBytes(24).toString('hex')}`;
}

export function rememberIssuedAccessToken(token: string): void {
  issuedAccessTokens.add(token);
}

export function isIssuedAccessToken(token: string): boolean {
  return issuedAccessTokens.has(token);
}

/** Drops every token of one grant (a replayed code, a revocation). */
export function revokeGrant(s: OAuthSimState, grantId: number): void {
  for (const map of [s.accessTokens, s.refreshTokens]) {
    for (const [token, rec] of map) if (rec.grantId === grantId) map.delete(token);
  }
}
