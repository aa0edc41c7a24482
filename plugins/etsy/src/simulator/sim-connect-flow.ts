/**
 * Etsy's authorization code grant in the sandbox, on the testkit's OAuth kit with Etsy's own facts
 * (https://developers.etsy.com/documentation/essentials/authentication):
 * - GET /oauth/connect (www.etsy.com; the sandbox serves it on its own origin) auto-approves → redirect_uri
 *   ?code&state, or, denied, ?error=access_denied&error_description&state; an S256 code_challenge is required
 *   ("The Etsy Open API requires a PKCE on every authorization flow request");
 * - POST /v3/public/oauth/token: authorization_code (client_id = keystring, redirect_uri, code, code_verifier,
 *   no client secret) and refresh_token grants, form-encoded; {access_token, token_type:"Bearer",
 *   expires_in:3600, refresh_token}, tokens '<user_id>.<token>'; the refresh token lives 90 days and is spent by
 *   its refresh (rotation).
 * The seeded sandbox grant (a store posted with the simulator's own credentials) keeps its own bookkeeping in
 * `state.oauth` (sim-oauth.ts); grants made through the consent flow live in the kit's state.
 * Deviation: Etsy requires an https redirect_uri; the sandbox hub listens on http loopback, so the consent
 * accepts http too.
 */
import { consentRoute, issuedTokenStatus, tokenRoute } from '@stock-sync/plugin-testkit/simulator';
import type { OAuthSimulatorConfig, SimContext, SimRequest } from '@stock-sync/plugin-testkit/simulator';
import { ACCESS_TOKEN_SECONDS, OAUTH_TOKEN_PATH, REFRESH_TOKEN_SECONDS } from '../manifest';
import { SIM_KEYSTRING, SIM_SHARED_SECRET, SIM_USER_ID, type EtsySimState } from './sim-state';

/** The consent path of https://www.etsy.com/oauth/connect. */
export const OAUTH_CONNECT_PATH = '/oauth/connect';

/** The sandbox's Etsy app: the keystring and shared secret the simulator's x-api-key check accepts (test values). */
export const SANDBOX_OAUTH_APP = { clientId: SIM_KEYSTRING, clientSecret: SIM_SHARED_SECRET };

export const etsyOAuthConfig: OAuthSimulatorConfig<EtsySimState> = {
  app: SANDBOX_OAUTH_APP,
  authorizePath: OAUTH_CONNECT_PATH,
  tokenPath: OAUTH_TOKEN_PATH,
  accessTokenSeconds: ACCESS_TOKEN_SECONDS,
  refreshTokenSeconds: REFRESH_TOKEN_SECONDS,
  rotateRefreshTokens: true,
  pkce: 'required',
  // The documented token requests carry client_id alone.
  clientAuthentication: ['none'],
  encodings: ['form'],
  prefixes: { accessToken: `${SIM_USER_ID}.`, refreshToken: `${SIM_USER_ID}.` },
  tokenAnswer: (t) => ({
    status: 200,
    body: { access_token: t.accessToken, token_type: 'Bearer', expires_in: t.expiresIn, refresh_token: t.refreshToken },
  }),
};

export const connectRoute = consentRoute(etsyOAuthConfig);
export const kitTokenRoute = tokenRoute(etsyOAuthConfig);

/** A scoped call's token, when the kit issued it: 'valid', or why Etsy refuses it; undefined = not the kit's. */
export function kitTokenStatus(req: SimRequest, ctx: SimContext<EtsySimState>) {
  return issuedTokenStatus(etsyOAuthConfig, req, ctx);
}
