/**
 * The sandbox's Storenvy OAuth side, on the testkit's kit (sources and what is unverified: ../../README.md
 * "Connecting"):
 * - consent at /oauth/authorize (client_id, response_type=code, redirect_uri, scope space-separated);
 * - token at /oauth/token: the RFC 6749 grants (authorization_code, refresh_token), form body, client id and
 *   secret in it; the standard answer with access_token, refresh_token and expires_in (the fields the
 *   community client reads);
 * - the lifetimes are the SIMULATOR'S ASSUMPTION (Storenvy documents none): access tokens live 2 hours,
 *   refresh tokens do not expire and rotate on use — so the sandbox exercises the plugin's refresh path;
 * - API requests carry the token as the access_token query parameter (or a Bearer header).
 */
import type { OAuthSimulatorConfig, SimOAuthApp, SimRequest } from '@stock-sync/plugin-testkit/simulator';
import { storenvyError } from './routes';
import type { StorenvySimState } from './state';

/** Test values only: the sandbox's Storenvy application. */
export const SANDBOX_OAUTH_APP: SimOAuthApp = {
  clientId: 'storenvy_sandbox_application_id_0000',
  clientSecret: 'storenvy_sandbox_application_secret_0000',
};

/** Assumed (undocumented): two hours. */
export const ASSUMED_ACCESS_TOKEN_SECONDS = 7200;

function presentedToken(req: SimRequest): string | undefined {
  const q = req.query.access_token;
  if (typeof q === 'string') return q;
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
}

export const storenvyOAuth: OAuthSimulatorConfig<StorenvySimState> = {
  app: SANDBOX_OAUTH_APP,
  authorizePath: '/oauth/authorize',
  tokenPath: '/oauth/token',
  accessTokenSeconds: ASSUMED_ACCESS_TOKEN_SECONDS,
  issueRefreshTokens: true,
  rotateRefreshTokens: true,
  clientAuthentication: ['body'],
  encodings: ['form', 'json'],
  readAccessToken: presentedToken,
  refused: () => storenvyError(401, 'OAuthAccessTokenException', 'The access_token provided is invalid.'),
};
