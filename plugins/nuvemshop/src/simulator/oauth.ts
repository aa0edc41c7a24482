/**
 * The sandbox's Nuvemshop app install, on the testkit's OAuth kit (sources: ../../README.md "Connecting"):
 * - consent at /apps/{app_id}/authorize — the app id in the PATH, read as the client id; the approving
 *   redirect carries code and state;
 * - token at /apps/authorize/token — form (the document's curl) or JSON (the newer guide), client id and
 *   secret in the body; answer {access_token, token_type: "bearer", scope, user_id} (user_id = the store);
 * - tokens never expire and there is no refresh grant;
 * - the app/uninstalled webhook as the platform signs it (signedAppUninstalled), for the hub's tests.
 * API requests carry the token in `Authentication: bearer …` (the platform's header), which the kit reads.
 */
import { simHmacSha256, withOAuth } from '@stock-sync/plugin-testkit/simulator';
import type { OAuthSimulatorConfig, PlatformSimulatorDefinition, SimOAuthApp, SimRoute } from '@stock-sync/plugin-testkit/simulator';
import { missingUserAgentRefusal, presentedToken, storeIdInPath } from './auth';
import { nuvemError } from './errors';
import type { NuvemSimState } from './state';

/** Test values only: the sandbox's app (its id is the client id, as in the document's example). */
export const SANDBOX_OAUTH_APP: SimOAuthApp = { clientId: '4321', clientSecret: 'nuvem_sandbox_app_secret_000000000000000000' };

const AUTHORIZE_PATH = '/apps/:appId/authorize';

export function nuvemshopOAuth(storeId: string): OAuthSimulatorConfig<NuvemSimState> {
  return {
    app: SANDBOX_OAUTH_APP,
    authorizePath: AUTHORIZE_PATH,
    tokenPath: '/apps/authorize/token',
    issueRefreshTokens: false,
    clientAuthentication: ['body'],
    encodings: ['form', 'json'],
    readAccessToken: presentedToken,
    // The platform's own checks first (User-Agent, the store in the path), for issued tokens too.
    checkRequest: (req) =>
      missingUserAgentRefusal(req) ??
      (storeIdInPath(req.path) !== storeId ? nuvemError(401, 'Invalid access token for this store') : undefined),
    tokenAnswer: (issued) => ({
      status: 200,
      body: { access_token: issued.accessToken, token_type: 'bearer', scope: 'read_products,write_products', user_id: storeId },
    }),
    refused: () => nuvemError(401, 'Invalid access token'),
  };
}

/** The consent route reads the client id from the path (Nuvemshop's /apps/{app_id}/authorize). */
function appIdAsClientId(route: SimRoute<NuvemSimState>): SimRoute<NuvemSimState> {
  return { ...route, handle: (req, ctx) => route.handle({ ...req, query: { ...req.query, client_id: req.params.appId ?? '' } }, ctx) };
}

/** The API definition with the install mounted (the kit's consent page reading the app id from the path). */
export function withNuvemshopOAuth(def: PlatformSimulatorDefinition<NuvemSimState>, storeId: string) {
  const mounted = withOAuth(def, nuvemshopOAuth(storeId));
  return { ...mounted, routes: mounted.routes.map((r) => (r.method === 'GET' && r.path === AUTHORIZE_PATH ? appIdAsClientId(r) : r)) };
}

/** An app/uninstalled notice as Nuvemshop sends it: JSON body, X-Linkedstore-HMAC-SHA256 = hex HMAC of the body. */
export function signedAppUninstalled(
  storeId: string,
  app: SimOAuthApp = SANDBOX_OAUTH_APP,
): { headers: Record<string, string>; body: string } {
  const body = JSON.stringify({ store_id: Number(storeId), event: 'app/uninstalled', id: Number(app.clientId) });
  return {
    headers: { 'content-type': 'application/json', 'x-linkedstore-hmac-sha256': simHmacSha256(app.clientSecret, body, 'hex') },
    body,
  };
}
