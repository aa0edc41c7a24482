/**
 * Test and sandbox controls of one simulated shop's OAuth side: deny consent (the merchant clicks "cancel"),
 * expire every access token, revoke every grant, read the counters.
 */
import { oauthSimState, type OAuthSimState } from './oauth-sim-state';

interface HasState {
  readonly state: unknown;
}

export function denyConsent(sim: HasState, denied = true): void {
  oauthSimState(sim.state).consentDenied = denied;
}

/** Every access token issued so far is past its expiry. */
export function expireIssuedAccessTokens(sim: HasState): void {
  for (const rec of oauthSimState(sim.state).accessTokens.values()) rec.expiresAt = 0;
}

/** Every issued access and refresh token stops working (the merchant removed the app). */
export function revokeIssuedGrants(sim: HasState): void {
  const s = oauthSimState(sim.state);
  s.accessTokens.clear();
  s.refreshTokens.clear();
}

export function oauthSimView(sim: HasState): Readonly<OAuthSimState> {
  return oauthSimState(sim.state);
}
