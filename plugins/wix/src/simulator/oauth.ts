/**
 * Wix's app installation and OAuth for apps in the sandbox, on the testkit's OAuth kit:
 * - GET /installer/install?appId&postInstallationUrl (www.wix.com; the sandbox serves it on its own origin): the
 *   merchant approves the install (auto) → 302 to postInstallationUrl with its own query kept and appId,
 *   tenantId, instanceId appended (about-the-external-install-flow); denied (the sandbox's reading: Wix does not
 *   document a refused install's redirect) → error=access_denied. Installing creates the app instance's grant.
 * - POST /oauth2/token, JSON {grant_type: "client_credentials", client_id, client_secret, instance_id} (Create
 *   Access Token) → {access_token, token_type: "Bearer", expires_in: 14400}: a token of that instance's grant,
 *   expiring on the simulator clock; refused once the app is removed (revoked) — Wix's error body for that is not
 *   documented (unverified: the sandbox answers 400 {message, details:{applicationError:{code}}}, Wix's standard
 *   error shape).
 * Under the hood the install's grant is the kit's authorization-code grant with a non-expiring, non-rotating
 * refresh token the sandbox keeps for the instance; Create Access Token is that grant's refresh.
 */
import {
  guardIssuedTokens,
  isIssuedAccessToken,
  kitTokenRequest,
  oauthSimState,
  platformConsentRoute,
  queryValue,
  tokenRoute,
} from '@stock-sync/plugin-testkit/simulator';
import type {
  OAuthSimulatorConfig,
  PlatformSimulatorDefinition,
  SimContext,
  SimRequest,
  SimResponse,
  SimRoute,
} from '@stock-sync/plugin-testkit/simulator';
import { ACCESS_TOKEN_SECONDS, TOKEN_PATH } from '../oauth';
import { appError, unauthenticated } from './errors';
import { sandboxWebhookKeys, signWixEvent } from './webhook-signing';

export { sandboxWebhookKeys } from './webhook-signing';

export const INSTALL_PATH = '/installer/install';
const KIT_TOKEN_PATH = '/__kit/oauth/token';
/** The sandbox app (test values). */
export const SANDBOX_OAUTH_APP = {
  clientId: '3f1e0c2a-0000-4000-8000-0000000000a1',
  clientSecret: 'wix_sandbox_app_secret_test_only_0000',
};
/** The sandbox site's app instance and site (tenant) ids. */
export const SANDBOX_INSTANCE_ID = '7c2d9a10-0000-4000-8000-0000000000b2';
export const SANDBOX_TENANT_ID = '5b8e4f60-0000-4000-8000-0000000000c3';

/** The refresh token the sandbox keeps per installed instance (never handed out). */
const installations = new WeakMap<object, Map<string, string>>();
function installed(state: object): Map<string, string> {
  let m = installations.get(state);
  if (!m) installations.set(state, (m = new Map()));
  return m;
}

const readToken = (req: SimRequest) => {
  const t = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '').trim();
  return t === '' ? undefined : t;
};

export function wixOAuthConfig<TState>(): OAuthSimulatorConfig<TState> {
  const cfg: OAuthSimulatorConfig<TState> = {
    app: SANDBOX_OAUTH_APP,
    authorizePath: INSTALL_PATH,
    tokenPath: KIT_TOKEN_PATH,
    accessTokenSeconds: ACCESS_TOKEN_SECONDS,
    rotateRefreshTokens: false,
    clientAuthentication: ['body'],
    encodings: ['form'],
    prefixes: { accessToken: 'OauthNG.JWS.sandbox.' },
    readAccessToken: readToken,
    // Installing creates the instance's grant at once (the code is exchanged inside the sandbox), and the
    // redirect carries what Wix appends: appId, tenantId, instanceId.
    approveParams(params, consent, ctx) {
      const issued = kitToken(cfg).handle(
        kitTokenRequest(KIT_TOKEN_PATH, {
          grant_type: 'authorization_code',
          code: params.code,
          client_id: SANDBOX_OAUTH_APP.clientId,
          client_secret: SANDBOX_OAUTH_APP.clientSecret,
        }),
        ctx,
      ) as SimResponse;
      const refresh = (issued.body as { refresh_token?: string }).refresh_token;
      if (refresh) installed(ctx.state as object).set(SANDBOX_INSTANCE_ID, refresh);
      return { appId: consent.clientId, tenantId: SANDBOX_TENANT_ID, instanceId: SANDBOX_INSTANCE_ID };
    },
    deniedParams: () => ({ error: 'access_denied' }),
    errorAnswer: (status, error, description) =>
      appError(status === 401 ? 401 : 400, error === 'invalid_client' ? 'INVALID_CLIENT' : 'INVALID_GRANT', description),
    refused: () => unauthenticated(),
  };
  return cfg;
}

// One token route per simulator config, whatever its state type (a route of any state is a SimRoute<never>).
const kitTokens = new WeakMap<object, SimRoute<never>>();
function kitToken<TState>(cfg: OAuthSimulatorConfig<TState>): SimRoute<TState> {
  let r = kitTokens.get(cfg);
  if (!r) kitTokens.set(cfg, (r = tokenRoute(cfg)));
  return r as SimRoute<TState>;
}

/** GET /installer/install?appId&postInstallationUrl → the kit's consent (appId is the client id). */
function installRoute<TState>(cfg: OAuthSimulatorConfig<TState>): SimRoute<TState> {
  return platformConsentRoute(cfg, INSTALL_PATH, (req) => {
    const q: Record<string, string> = {};
    const appId = queryValue(req, 'appId');
    const target = queryValue(req, 'postInstallationUrl');
    if (appId) q.client_id = appId;
    if (target) q.redirect_uri = target;
    return q;
  });
}

/** POST /oauth2/token (JSON, client_credentials) → a refresh of the instance's grant. */
function createTokenRoute<TState>(cfg: OAuthSimulatorConfig<TState>): SimRoute<TState> {
  return {
    method: 'POST',
    path: TOKEN_PATH,
    handle(req: SimRequest, ctx: SimContext<TState>) {
      if (!(req.headers['content-type'] ?? '').includes('application/json'))
        return appError(400, 'INVALID_ARGUMENT', 'the body must be application/json');
      const b = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
      if (b.grant_type !== 'client_credentials') return appError(400, 'INVALID_ARGUMENT', 'grant_type must be client_credentials');
      if (b.client_id !== cfg.app.clientId || b.client_secret !== cfg.app.clientSecret)
        return appError(401, 'INVALID_CLIENT', 'Unknown app or wrong app secret');
      const instanceId = typeof b.instance_id === 'string' ? b.instance_id : '';
      const refresh = installed(ctx.state as object).get(instanceId);
      if (!refresh) return appError(400, 'INVALID_GRANT', 'The app is not installed on this instance');
      const res = kitToken(cfg).handle(
        kitTokenRequest(KIT_TOKEN_PATH, {
          grant_type: 'refresh_token',
          refresh_token: refresh,
          client_id: cfg.app.clientId,
          client_secret: cfg.app.clientSecret,
        }),
        ctx,
      ) as SimResponse;
      if (res.status !== 200) return res;
      const t = res.body as { access_token: string; expires_in: number };
      return { status: 200, body: { access_token: t.access_token, token_type: 'Bearer', expires_in: t.expires_in } };
    },
  };
}

const OWN_PATHS = new Set([INSTALL_PATH, TOKEN_PATH]);

/** The definition with Wix's install and token endpoints; API routes refuse kit tokens that expired or were revoked. */
export function withWixOAuth<TState>(
  def: PlatformSimulatorDefinition<TState>,
): PlatformSimulatorDefinition<TState> & { oauthApp: typeof SANDBOX_OAUTH_APP & { publicKey: string } } {
  const cfg = wixOAuthConfig<TState>();
  return {
    ...def,
    // The hub verifies App Instance Removed notices with this key (HUB_OAUTH_WIX_PUBLIC_KEY).
    oauthApp: { ...SANDBOX_OAUTH_APP, publicKey: sandboxWebhookKeys().publicKey },
    authenticate(req, creds, revoked) {
      if (OWN_PATHS.has(req.path)) return undefined;
      const token = readToken(req);
      if (token !== undefined && isIssuedAccessToken(token)) return revoked ? unauthenticated() : undefined;
      return def.authenticate(req, creds, revoked);
    },
    routes: [installRoute(cfg), createTokenRoute(cfg), ...guardIssuedTokens(cfg, def.routes, cfg.refused!)],
  };
}

/** Test / sandbox switch: the merchant removed the app — no new token for the instance, issued ones refused. */
export function removeApp(sim: { state: unknown }): void {
  const s = oauthSimState(sim.state);
  s.accessTokens.clear();
  s.refreshTokens.clear();
  installed(sim.state as object).clear();
}

/**
 * The App Instance Removed event as Wix would POST it: the body is a JWT (RS256) whose payload is
 * {data: JSON.stringify({eventType: "AppRemoved", instanceId, data: JSON.stringify({appId})}), iat, exp}.
 */
export function signedAppRemoved(
  instanceId: string,
  opts: { privateKey?: string; nowSeconds?: number; eventType?: string } = {},
): { body: string; headers: Record<string, string> } {
  const body = signWixEvent(opts.eventType ?? 'AppRemoved', instanceId, { appId: SANDBOX_OAUTH_APP.clientId }, opts);
  return { body, headers: { 'content-type': 'text/plain' } };
}
