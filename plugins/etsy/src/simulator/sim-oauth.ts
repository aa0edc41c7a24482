/**
 * Etsy's OAuth 2.0 token lifecycle (https://developers.etsy.com/documentation/essentials/authentication):
 *  - an access token lives one hour; after that every scoped call answers 401
 *    {"error":"invalid_token","error_description":"access token is expired"};
 *  - POST /v3/public/oauth/token (form-encoded: grant_type=refresh_token, client_id = the app's keystring
 *    alone, refresh_token) needs no x-api-key and no bearer token, and answers
 *    {access_token, token_type:"Bearer", expires_in:3600, refresh_token} — a NEW refresh token: the one
 *    sent is spent (rotation); sending it again is invalid_grant;
 *  - a refresh token the user revoked (or one already used, or unknown) → 400 invalid_grant.
 */
import { oauthSimState } from '@stock-sync/plugin-testkit/simulator';
import type { SimContext, SimRequest, SimResponse, SimRoute } from '@stock-sync/plugin-testkit/simulator';
import { kitTokenRoute, kitTokenStatus } from './sim-connect-flow';
import { SIM_KEYSTRING, SIM_USER_ID, type EtsySimState } from './sim-state';

export const OAUTH_TOKEN_PATH = '/v3/public/oauth/token';

type Ctx = SimContext<EtsySimState>;
type Handler = SimRoute<EtsySimState>['handle'];

function oauthError(status: number, error: string, description: string): SimResponse {
  return { status, body: { error, error_description: description } };
}

function bearerToken(req: SimRequest): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
}

/**
 * The access-token check of scoped calls (sim-auth.ts has already checked x-api-key, the bearer's
 * presence and the revoked switch): the token must be one Etsy issued and not expired — the seeded grant's
 * (below) or one the consent flow's grant issued (the kit's records, sim-connect-flow.ts).
 */
export function withAccessToken(handle: Handler): Handler {
  return (req, ctx: Ctx) => {
    const tokens = ctx.state.oauth.accessTokens;
    const token = bearerToken(req);
    const kit = token !== undefined && !tokens.has(token) ? kitTokenStatus(req, ctx) : undefined;
    if (kit === 'valid') return handle(req, ctx);
    if (kit === 'expired') return oauthError(401, 'invalid_token', 'access token is expired');
    if (token === undefined || !tokens.has(token)) {
      return oauthError(401, 'invalid_token', 'The access token is invalid or has been revoked');
    }
    const now = ctx.now();
    let expiresAt = tokens.get(token)!;
    if (expiresAt === null) {
      const ttl = ctx.state.oauth.seededTokenTtlMs;
      if (ttl === null) return handle(req, ctx); // the long-lived seeded sandbox token
      expiresAt = now + ttl;
      tokens.set(token, expiresAt);
    }
    if (now >= expiresAt) return oauthError(401, 'invalid_token', 'access token is expired');
    return handle(req, ctx);
  };
}

function field(body: Record<string, unknown>, name: string): string | undefined {
  const v = body[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function nextToken(state: EtsySimState, kind: 'access' | 'refresh'): string {
  const n = ++state.oauth.issued;
  return `${SIM_USER_ID}.etsy_test_${kind}_token_${String(n).padStart(10, '0')}`;
}

function refreshGrant(req: SimRequest, ctx: Ctx): SimResponse {
  if (!(req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
    return oauthError(400, 'invalid_request', 'The request body must be application/x-www-form-urlencoded');
  }
  const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
  const grantType = field(body, 'grant_type');
  const clientId = field(body, 'client_id');
  const refreshToken = field(body, 'refresh_token');
  if (!grantType || !clientId || !refreshToken) {
    return oauthError(400, 'invalid_request', 'grant_type, client_id and refresh_token are required');
  }
  // Only refreshes of the seeded grant come here (tokenEndpoint); the kit answers every other grant.
  if (grantType !== 'refresh_token') return oauthError(400, 'unsupported_grant_type', `grant_type '${grantType}' is not supported here`);
  // client_id is the keystring alone; 'keystring:shared_secret' (the x-api-key form) is not a client id.
  if (clientId !== SIM_KEYSTRING) return oauthError(401, 'invalid_client', 'Unknown client_id');
  const oauth = ctx.state.oauth;
  if (ctx.faults.revoked || !oauth.refreshTokens.has(refreshToken)) {
    return oauthError(400, 'invalid_grant', 'The refresh token is invalid, expired, already used or revoked');
  }
  oauth.refreshTokens.delete(refreshToken);
  const accessToken = nextToken(ctx.state, 'access');
  const newRefresh = nextToken(ctx.state, 'refresh');
  oauth.accessTokens.set(accessToken, ctx.now() + oauth.accessTokenTtlMs);
  oauth.refreshTokens.add(newRefresh);
  oauth.refreshes++;
  return {
    status: 200,
    body: {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: Math.round(oauth.accessTokenTtlMs / 1000),
      refresh_token: newRefresh,
    },
  };
}

/**
 * The token endpoint: a refresh of the seeded grant's lineage is answered here (state.oauth); everything else —
 * the authorization_code grant and refreshes of grants made through the consent flow — by the kit.
 */
function tokenEndpoint(req: SimRequest, ctx: Ctx): SimResponse | Promise<SimResponse> {
  const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
  const refreshToken = field(body, 'refresh_token');
  const seeded =
    field(body, 'grant_type') === 'refresh_token' && refreshToken !== undefined && ctx.state.oauth.refreshTokens.has(refreshToken);
  return seeded ? refreshGrant(req, ctx) : kitTokenRoute.handle(req, ctx);
}

export const oauthTokenRoute: SimRoute<EtsySimState> = { method: 'POST', path: OAUTH_TOKEN_PATH, handle: tokenEndpoint };

/** Test switch: every access token issued so far (seeded grant and consent-flow grants) is past its hour. */
export function expireAccessTokens(state: EtsySimState): void {
  for (const token of state.oauth.accessTokens.keys()) state.oauth.accessTokens.set(token, 0);
  for (const rec of oauthSimState(state).accessTokens.values()) rec.expiresAt = 0;
}

/** Test switch: the user revoked the app — every refresh token is refused from now on. */
export function revokeRefreshTokens(state: EtsySimState): void {
  state.oauth.refreshTokens.clear();
  oauthSimState(state).refreshTokens.clear();
}
