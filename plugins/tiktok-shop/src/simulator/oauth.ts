/**
 * TikTok Shop's seller authorization in the sandbox, on the testkit's OAuth kit. TikTok's endpoints are not
 * RFC 6749's, so thin adapters translate them to the kit and back:
 * - GET /oauth/authorize?app_key&state (the auth host) → the kit's consent: auto-approves → redirect with ?code&state;
 *   the sandbox also takes `redirect_uri` (a real app's redirect URL is registered with TikTok, which the
 *   sandbox cannot know);
 * - GET /api/v2/token/get?app_key&app_secret&auth_code&grant_type=authorized_code and
 *   GET /api/v2/token/refresh?app_key&app_secret&refresh_token&grant_type=refresh_token → the kit's token grants;
 *   answered in TikTok's envelope with `access_token_expire_in` / `refresh_token_expire_in` as Unix timestamps
 *   (seven-day access token; refresh token lifetime unpublished: the sandbox uses 90 days, unverified), the
 *   refresh token rotated (unverified);
 * - a refused grant: HTTP 200 with a non-zero code — which codes and statuses TikTok uses is unpublished, so the
 *   sandbox answers its own code SANDBOX_TOKEN_REFUSED (the plugin reads any non-zero code as a refusal).
 * API calls with a token the kit issued are checked against its records (expiry on the simulator clock); the
 * signature check stays TikTok's (auth.ts).
 */
import {
  guardIssuedTokens,
  isIssuedAccessToken,
  kitTokenRequest,
  platformConsentRoute,
  queryValue as query,
  simHmacSha256,
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
import { TOKEN_GET_PATH, TOKEN_REFRESH_PATH } from '../oauth';
import { answer, CODES, ok } from './responses';

export const AUTHORIZE_PATH = '/oauth/authorize';
/** The kit's own token path (internal: TikTok's two GET endpoints are translated to it). */
const KIT_TOKEN_PATH = '/__kit/token';
/** The sandbox's code for a refused grant (TikTok's own codes for it are unpublished). */
export const SANDBOX_TOKEN_REFUSED = 99_990_001;
export const ACCESS_TOKEN_SECONDS = 7 * 24 * 3_600;
/** Unpublished; the sandbox's choice (unverified). */
export const REFRESH_TOKEN_SECONDS = 90 * 24 * 3_600;

export function tiktokOAuthConfig<TState>(app: { clientId: string; clientSecret: string }): OAuthSimulatorConfig<TState> {
  return {
    app,
    authorizePath: AUTHORIZE_PATH,
    tokenPath: KIT_TOKEN_PATH,
    accessTokenSeconds: ACCESS_TOKEN_SECONDS,
    refreshTokenSeconds: REFRESH_TOKEN_SECONDS,
    rotateRefreshTokens: true,
    clientAuthentication: ['body'],
    encodings: ['form'],
    // 30 minutes: "Your authorization code is valid for 30 minutes only".
    codeSeconds: 1_800,
    prefixes: { code: 'TTP_code_', accessToken: 'TTP_', refreshToken: 'TTP_rt_' },
    readAccessToken: (req) => req.headers['x-tts-access-token'],
    tokenAnswer: (t, ctx) => {
      const now = Math.floor(ctx.now() / 1000);
      return ok({
        access_token: t.accessToken,
        access_token_expire_in: now + (t.expiresIn ?? ACCESS_TOKEN_SECONDS),
        refresh_token: t.refreshToken,
        refresh_token_expire_in: now + (t.refreshTokenExpiresIn ?? REFRESH_TOKEN_SECONDS),
        open_id: 'sandbox_open_id_0001',
        seller_name: 'Sandbox seller',
        seller_base_region: 'GB',
        user_type: 0,
        granted_scopes: ['seller.product.basic', 'seller.product.write'],
      });
    },
    errorAnswer: (_status, error, description) => answer(200, SANDBOX_TOKEN_REFUSED, `${error}: ${description}`),
    refused: (_req, reason) =>
      answer(
        401,
        CODES.INVALID_ACCESS_TOKEN,
        reason === 'expired' ? 'Access token is expired.' : 'Invalid credentials. The access token is invalid or has been revoked.',
      ),
  };
}

/** TikTok's authorize link → the kit's consent (app_key is the client id). */
function authorizeRoute<TState>(cfg: OAuthSimulatorConfig<TState>): SimRoute<TState> {
  return platformConsentRoute(cfg, AUTHORIZE_PATH, (req) => {
    const appKey = query(req, 'app_key');
    return appKey === undefined ? { ...req.query } : { ...req.query, client_id: appKey };
  });
}

/** One of TikTok's GET token endpoints → the kit's token grant (client id + secret in the form). */
function tokenEndpoint<TState>(
  cfg: OAuthSimulatorConfig<TState>,
  path: string,
  grant: 'authorized_code' | 'refresh_token',
): SimRoute<TState> {
  const kit = tokenRoute(cfg);
  return {
    method: 'GET',
    path,
    handle(req: SimRequest, ctx: SimContext<TState>): SimResponse | Promise<SimResponse> {
      if (query(req, 'grant_type') !== grant) return answer(200, SANDBOX_TOKEN_REFUSED, `grant_type must be ${grant}`);
      const form: Record<string, string> = { grant_type: grant === 'authorized_code' ? 'authorization_code' : 'refresh_token' };
      for (const [from, to] of [
        ['app_key', 'client_id'],
        ['app_secret', 'client_secret'],
        ['auth_code', 'code'],
        ['refresh_token', 'refresh_token'],
      ] as const) {
        const v = query(req, from);
        if (v !== undefined) form[to] = v;
      }
      return kit.handle(kitTokenRequest(KIT_TOKEN_PATH, form, req), ctx);
    },
  };
}

export const OWN_PATHS = new Set([AUTHORIZE_PATH, TOKEN_GET_PATH, TOKEN_REFRESH_PATH]);

/**
 * The definition with TikTok's authorization endpoints mounted. `authenticate(req, creds, revoked, issued)`
 * is TikTok's own check, told which access tokens the kit issued (their validity is the route guard's).
 */
export function withTikTokOAuth<TState>(
  def: PlatformSimulatorDefinition<TState>,
  app: { clientId: string; clientSecret: string },
  authenticate: (
    req: SimRequest,
    creds: Record<string, string>,
    revoked: boolean,
    issued: (token: string) => boolean,
  ) => SimResponse | undefined,
): PlatformSimulatorDefinition<TState> & { oauthApp: { clientId: string; clientSecret: string } } {
  const cfg = tiktokOAuthConfig<TState>(app);
  return {
    ...def,
    oauthApp: { ...app },
    authenticate(req, creds, revoked) {
      if (OWN_PATHS.has(req.path)) return undefined;
      return authenticate(req, creds, revoked, isIssuedAccessToken);
    },
    routes: [
      authorizeRoute(cfg),
      tokenEndpoint(cfg, TOKEN_GET_PATH, 'authorized_code'),
      tokenEndpoint(cfg, TOKEN_REFRESH_PATH, 'refresh_token'),
      // The shop's API routes, each refusing a kit-issued token that expired or was revoked.
      ...guardIssuedTokens(cfg, def.routes, cfg.refused!),
    ],
  };
}

/**
 * The SELLER_DEAUTHORIZATION webhook as TikTok would send it for `shopId`: the JSON body and its signature
 * (HMAC-SHA256 with the app secret over app_key + body, hex, in Authorization) — for tests and the demo.
 */
export function signedDeauthorization(
  app: { clientId: string; clientSecret: string },
  shopId: string,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({ type: 6, shop_id: shopId, timestamp: nowSeconds, data: { message: 'The seller deauthorized the app' } });
  return {
    body,
    headers: { 'content-type': 'application/json', authorization: simHmacSha256(app.clientSecret, `${app.clientId}${body}`, 'hex') },
  };
}
