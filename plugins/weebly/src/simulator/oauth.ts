/**
 * The sandbox's Weebly app authorization, on the testkit's kit (sources: ../../README.md "Connecting"):
 * - consent at /app-center/oauth/authorize (client_id, user_id, site_id, redirect_uri, scope joined by a
 *   comma); the approving redirect carries authorization_code (Weebly's name, not code). Weebly also sends
 *   callback_url (the token URL to post to); the simulator leaves it out — behind the multi-tenant sandbox's
 *   path prefix it could not name its own URL — so the plugin posts to the configured token URL;
 * - token at /app-center/oauth/access_token: POST JSON {client_id, client_secret, authorization_code} (no
 *   grant_type), answered {access_token}; the kit's token endpoint reads it as the standard grant;
 * - "permanent" tokens: no expiry, no refresh grant;
 * - API requests carry the token in X-Weebly-Access-Token.
 */
import { tokenRoute, withOAuth } from '@stock-sync/plugin-testkit/simulator';
import type {
  OAuthSimulatorConfig,
  PlatformSimulatorDefinition,
  SimOAuthApp,
  SimRequest,
  SimRoute,
} from '@stock-sync/plugin-testkit/simulator';
import { weeblyError } from './routes';
import type { WeeblySimState } from './state';

/** Test values only: the sandbox's Weebly app. */
export const SANDBOX_OAUTH_APP: SimOAuthApp = { clientId: '900000001', clientSecret: 'weebly_sandbox_app_secret_00000000000000000000' };

const AUTHORIZE_PATH = '/app-center/oauth/authorize';
const TOKEN_PATH = '/app-center/oauth/access_token';

export const weeblyOAuth: OAuthSimulatorConfig<WeeblySimState> = {
  app: SANDBOX_OAUTH_APP,
  authorizePath: AUTHORIZE_PATH,
  tokenPath: TOKEN_PATH,
  issueRefreshTokens: false,
  clientAuthentication: ['body'],
  encodings: ['json'],
  approveParams: ({ code }) => ({ authorization_code: code }),
  tokenAnswer: (issued) => ({ status: 200, body: { access_token: issued.accessToken } }),
  readAccessToken: (req) => req.headers['x-weebly-access-token'] || undefined,
  refused: () => weeblyError(401, 'Unauthorized: the access token is missing, invalid or revoked.'),
};

/** Weebly's token request in the kit's terms: authorization_code → code, with the grant type implied. */
function weeblyTokenRoute(): SimRoute<WeeblySimState> {
  const standard = tokenRoute(weeblyOAuth);
  return {
    ...standard,
    handle(req: SimRequest, ctx) {
      const body = typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : undefined;
      if (!body || body.grant_type !== undefined) return standard.handle(req, ctx);
      return standard.handle({ ...req, body: { ...body, grant_type: 'authorization_code', code: body.authorization_code } }, ctx);
    },
  };
}

export function withWeeblyOAuth(def: PlatformSimulatorDefinition<WeeblySimState>) {
  const mounted = withOAuth(def, weeblyOAuth);
  return {
    ...mounted,
    routes: mounted.routes.map((r) => {
      if (r.method === 'POST' && r.path === TOKEN_PATH) return weeblyTokenRoute();
      return r;
    }),
  };
}
