/**
 * Square's OAuth API as the sandbox serves it, on the testkit's OAuth kit (README "Connecting"):
 *  - GET /oauth2/authorize (consent: auto-approve → redirect_uri?code&response_type=code&state; denied →
 *    error=access_denied&error_description=user_denied);
 *  - POST /oauth2/token, JSON only, the client authenticated in the body (code flow), answering Square's shape
 *    {access_token, token_type: "bearer", expires_at (ISO 8601), merchant_id, refresh_token, short_lived: false};
 *    access tokens live 30 days by the simulator clock; the refresh token is multi-use, never expires and is
 *    returned unchanged by a refresh (no rotation);
 *  - a refused grant answers 401 {message, type: "service.not_authorized"} (the forum's body; its status
 *    **unverified**); an API call with an expired or revoked issued token answers 401 AUTHENTICATION_ERROR
 *    ACCESS_TOKEN_EXPIRED / ACCESS_TOKEN_REVOKED (SPEC ErrorCode).
 */
import type { IssuedTokens, OAuthSimulatorConfig, SimContext, SimResponse } from '@stock-sync/plugin-testkit/simulator';
import { squareError } from './errors';
import type { SquareSimState } from './state';

/** The sandbox app (test values only; the hub's configuration for Square in the sandbox). */
export const SIM_OAUTH_APP = Object.freeze({
  clientId: 'sandbox-sq0idb-stocksync-test-app',
  clientSecret: 'sandbox-sq0csb-stocksync-test-secret',
});

export const ACCESS_TOKEN_SECONDS = 30 * 24 * 3600;

function tokenAnswer(issued: IssuedTokens, ctx: SimContext<SquareSimState>): SimResponse {
  const expiresAt = new Date(ctx.now() + (issued.expiresIn ?? ACCESS_TOKEN_SECONDS) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    status: 200,
    body: {
      access_token: issued.accessToken,
      token_type: 'bearer',
      expires_at: expiresAt,
      merchant_id: ctx.state.merchantId,
      refresh_token: issued.refreshToken,
      short_lived: false,
    },
  };
}

function errorAnswer(status: number, error: string, description: string): SimResponse {
  if (error === 'invalid_grant' || error === 'invalid_client')
    return { status: 401, body: { message: description, type: 'service.not_authorized' } };
  return squareError(
    status === 401 ? 401 : 400,
    'INVALID_REQUEST_ERROR',
    error === 'unsupported_grant_type' ? 'INVALID_VALUE' : 'BAD_REQUEST',
    description,
    error === 'unsupported_grant_type' ? 'grant_type' : undefined,
  );
}

export const squareOAuthConfig: OAuthSimulatorConfig<SquareSimState> = {
  app: SIM_OAUTH_APP,
  authorizePath: '/oauth2/authorize',
  tokenPath: '/oauth2/token',
  accessTokenSeconds: ACCESS_TOKEN_SECONDS,
  issueRefreshTokens: true,
  rotateRefreshTokens: false,
  clientAuthentication: ['body'],
  encodings: ['json'],
  prefixes: { code: 'sq0cgb-sim', accessToken: 'EAAAsim', refreshToken: 'EQAAsim' },
  approveParams: ({ code, state }) => ({ code, response_type: 'code', ...(state !== undefined ? { state } : {}) }),
  deniedParams: (consent) => ({
    error: 'access_denied',
    error_description: 'user_denied',
    ...(consent.state !== undefined ? { state: consent.state } : {}),
  }),
  tokenAnswer,
  errorAnswer,
  refused: (_req, reason) =>
    reason === 'expired'
      ? squareError(401, 'AUTHENTICATION_ERROR', 'ACCESS_TOKEN_EXPIRED', 'The access token has expired.')
      : squareError(401, 'AUTHENTICATION_ERROR', 'ACCESS_TOKEN_REVOKED', 'The access token has been revoked.'),
};
