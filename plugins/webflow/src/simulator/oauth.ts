/**
 * The sandbox's Webflow OAuth side, on the testkit's kit: the consent screen at /oauth/authorize and the
 * token endpoint at /oauth/access_token (JSON as the official SDK sends it, or a form as the v1 page shows;
 * client id and secret in the body). Webflow issues no refresh token and no expiry: the access token lives
 * until revoked. Answer: `{access_token}` (the only field any source shows). Sources: ../../README.md
 * "Connecting".
 */
import type { OAuthSimulatorConfig, SimOAuthApp } from '@stock-sync/plugin-testkit/simulator';
import type { WebflowSimState } from './state';

/** Test values only: the sandbox's Webflow app. */
export const SANDBOX_OAUTH_APP: SimOAuthApp = {
  clientId: 'wf_sandbox_client_0000000000000000000000000000000000000000000000000000',
  clientSecret: 'wf_sandbox_secret_000000000000000000000000000000000000000000000000000',
};

export const webflowOAuth: OAuthSimulatorConfig<WebflowSimState> = {
  app: SANDBOX_OAUTH_APP,
  authorizePath: '/oauth/authorize',
  tokenPath: '/oauth/access_token',
  issueRefreshTokens: false,
  clientAuthentication: ['body'],
  encodings: ['json', 'form'],
  prefixes: { code: 'wf_code_', accessToken: 'wf_oauth_' },
  tokenAnswer: (issued) => ({ status: 200, body: { access_token: issued.accessToken } }),
  refused: () => ({
    status: 401,
    body: { code: 'not_authorized', message: 'Request not authorized', externalReference: null, details: [] },
  }),
};
