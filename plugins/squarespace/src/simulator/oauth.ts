/**
 * Squarespace's OAuth as the sandbox serves it, on the testkit's OAuth kit (README "Connecting"):
 *  - GET /api/1/login/oauth/provider/authorize (consent: auto-approve → redirect_uri?code&state);
 *  - POST /api/1/login/oauth/provider/tokens: HTTP Basic client authentication, JSON; the answer
 *    {token_type: "bearer", access_token, access_token_expires_at, refresh_token, refresh_token_expires_at} with
 *    the expiries as Unix seconds (a decimal string, as integrations report it: **unverified**); access tokens live
 *    30 minutes and refresh tokens 7 days by the simulator clock, and a refresh rotates the refresh token (all
 *    three **unverified**; README); a refused grant is RFC 6749's 400 invalid_grant (**unverified**);
 *  - GET /1.0/authorization/website: the site the token belongs to (the documented answer's fields);
 *  - an API call with an expired or revoked issued token → 401 with Squarespace's error object.
 */
import type { IssuedTokens, OAuthSimulatorConfig, SimContext, SimResponse, SimRoute } from '@stock-sync/plugin-testkit/simulator';
import { sqspError } from './errors';
import type { SquarespaceSimState } from './state';

export const SIM_OAUTH_APP = Object.freeze({ clientId: 'sandbox-sqsp-stocksync-client', clientSecret: 'sandbox-sqsp-stocksync-secret' });
export const SIM_WEBSITE = Object.freeze({
  id: '5f1e0c0ffee0sandbox000001',
  siteId: 'stock-sync-sandbox',
  title: 'Stock Sync Sandbox',
  url: 'https://stock-sync-sandbox.squarespace.com',
});

export const ACCESS_TOKEN_SECONDS = 30 * 60;
export const REFRESH_TOKEN_SECONDS = 7 * 24 * 3600;

/** Unix seconds with three decimals, as a string. */
const unixSeconds = (ms: number) => (ms / 1000).toFixed(3);

function tokenAnswer(issued: IssuedTokens, ctx: SimContext<SquarespaceSimState>): SimResponse {
  const now = ctx.now();
  const body: Record<string, unknown> = {
    token_type: 'bearer',
    access_token: issued.accessToken,
    access_token_expires_at: unixSeconds(now + (issued.expiresIn ?? ACCESS_TOKEN_SECONDS) * 1000),
  };
  if (issued.refreshToken !== undefined) {
    body.refresh_token = issued.refreshToken;
    if (issued.refreshTokenExpiresIn !== undefined) body.refresh_token_expires_at = unixSeconds(now + issued.refreshTokenExpiresIn * 1000);
  }
  return { status: 200, headers: { 'cache-control': 'no-store' }, body };
}

export const squarespaceOAuthConfig: OAuthSimulatorConfig<SquarespaceSimState> = {
  app: SIM_OAUTH_APP,
  authorizePath: '/api/1/login/oauth/provider/authorize',
  tokenPath: '/api/1/login/oauth/provider/tokens',
  accessTokenSeconds: ACCESS_TOKEN_SECONDS,
  refreshTokenSeconds: REFRESH_TOKEN_SECONDS,
  rotateRefreshTokens: true,
  clientAuthentication: ['basic'],
  encodings: ['json'],
  prefixes: { code: 'sim_sqsp_code_', accessToken: 'sim_sqsp_at_', refreshToken: 'sim_sqsp_rt_' },
  tokenAnswer,
  refused: (_req, reason) =>
    sqspError(
      undefined,
      401,
      'AUTHORIZATION_ERROR',
      null,
      reason === 'expired' ? 'The OAuth token has expired.' : 'The API key or OAuth token is invalid or has been revoked.',
    ),
};

/** "Retrieve basic site information": the site of whichever key or token the request carries. */
export const websiteRoute: SimRoute<SquarespaceSimState> = {
  method: 'GET',
  path: '/1.0/authorization/website',
  handle: () => ({ status: 200, body: { ...SIM_WEBSITE, currency: 'USD', measurementStandard: 'METRIC' } }),
};
