/**
 * BigCommerce's single-click install as the sandbox serves it (README "Connecting"), on the testkit's OAuth kit
 * (its token endpoint and issued-token records; the install link is BigCommerce's own shape, so it is a route here):
 *  - GET /app/{CLIENT_ID}/install: the merchant accepts the app profile's scopes → 302 to the app's auth callback
 *    URL with ?account_uuid&code&context=stores/{STORE_HASH}&scope. A real app profile holds that URL; the sandbox
 *    has none, so it takes it from the link's `redirect_uri` (added by the plugin in a sandbox only) or from
 *    `state.authCallbackUrl`. A cancelled install sends no callback (a page only; **unverified** what BigCommerce
 *    shows);
 *  - POST /oauth2/token: JSON, client id + secret in the body, `context` and `scope` echoed by the app → {access_token,
 *    scope, user, owner, context, account_uuid}; the token never expires; no refresh tokens;
 *  - the `uninstall` callback: `signedPayloadJwt` signs the documented claims HS256 with the app's client secret,
 *    `sendUninstallCallback` GETs an app's uninstall URL with it, as BigCommerce does.
 */
import { randomBytes } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import { oauthSimState } from '@stock-sync/plugin-testkit/simulator';
import type {
  IssuedTokens,
  OAuthSimulatorConfig,
  SimContext,
  SimRequest,
  SimResponse,
  SimRoute,
} from '@stock-sync/plugin-testkit/simulator';
import { problem } from './errors';
import type { BigcommerceSimState } from './state';

export const SIM_OAUTH_APP = Object.freeze({ clientId: 'sandboxbcstocksyncclient01', clientSecret: 'sandbox-bc-stocksync-client-secret' });
/** What the sandbox app profile grants (the plugin's calls need both). */
export const SIM_APP_SCOPES = 'store_v2_products store_inventory';
export const SIM_ACCOUNT_UUID = '00000000-5a4d-b0c0-0000-5a4db0c00001';
const SIM_OWNER = { id: 12345, username: 'owner@example.com', email: 'owner@example.com' };

function page(status: number, text: string): SimResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text };
}

function first(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s === '' ? undefined : s;
}

/** The install link: mints a code in the kit's records (bound to the client, callback URL, scopes and store). */
export const installRoute: SimRoute<BigcommerceSimState> = {
  method: 'GET',
  path: '/app/:clientId/install',
  handle(req: SimRequest, ctx: SimContext<BigcommerceSimState>): SimResponse {
    if (req.params.clientId !== SIM_OAUTH_APP.clientId) return page(404, 'No such app');
    const callback = first(req.query.redirect_uri) ?? ctx.state.authCallbackUrl;
    if (!callback) return page(400, 'The sandbox app profile has no auth callback URL');
    let target: URL;
    try {
      target = new URL(callback);
    } catch {
      return page(400, 'The auth callback URL is not a URL');
    }
    const s = oauthSimState(ctx.state);
    if (s.consentDenied) {
      s.counts.denials++;
      return page(200, 'Installation cancelled');
    }
    const code = randomBytes(12).toString('hex');
    s.codes.set(code, {
      clientId: SIM_OAUTH_APP.clientId,
      redirectUri: callback,
      scope: SIM_APP_SCOPES,
      subject: ctx.state.storeHash,
      expiresAt: ctx.now() + 600_000,
      used: false,
      grantId: s.nextGrantId++,
    });
    s.counts.consents++;
    for (const [k, v] of Object.entries({
      account_uuid: SIM_ACCOUNT_UUID,
      code,
      context: `stores/${ctx.state.storeHash}`,
      scope: SIM_APP_SCOPES,
    }))
      target.searchParams.set(k, v);
    return { status: 302, headers: { location: target.toString(), 'content-type': 'text/html; charset=utf-8' }, body: '' };
  },
};

function tokenAnswer(issued: IssuedTokens): SimResponse {
  return {
    status: 200,
    body: {
      access_token: issued.accessToken,
      scope: issued.scope,
      user: SIM_OWNER,
      owner: SIM_OWNER,
      context: `stores/${issued.subject}`,
      account_uuid: SIM_ACCOUNT_UUID,
    },
  };
}

export const bigcommerceOAuthConfig: OAuthSimulatorConfig<BigcommerceSimState> = {
  app: SIM_OAUTH_APP,
  // The kit's standard consent route is not mounted (installRoute stands in); the path is the install link's.
  authorizePath: '/app/:clientId/install',
  tokenPath: '/oauth2/token',
  issueRefreshTokens: false,
  clientAuthentication: ['body'],
  encodings: ['json'],
  prefixes: { accessToken: 'simbcat' },
  tokenAnswer,
  readAccessToken: (req) => req.headers['x-auth-token'] || undefined,
  refused: () => problem(401, 'No valid credentials found for this request'),
};

/** The documented callback claims for this sandbox store, valid from `nowMs` for 24 hours. */
export function callbackClaims(
  state: Pick<BigcommerceSimState, 'storeHash'>,
  nowMs: number,
  clientId = SIM_OAUTH_APP.clientId,
): Record<string, unknown> {
  const now = Math.floor(nowMs / 1000);
  return {
    aud: clientId,
    iss: 'bc',
    iat: now,
    nbf: now,
    exp: now + 86_400,
    jti: randomBytes(16).toString('hex'),
    sub: `stores/${state.storeHash}`,
    user: { id: SIM_OWNER.id, email: SIM_OWNER.email, locale: 'en-US' },
    owner: { id: SIM_OWNER.id, email: SIM_OWNER.email },
    url: '/',
    channel_id: null,
  };
}

/** A signed_payload_jwt as BigCommerce signs it: HS256 with the app's client secret. */
export function signedPayloadJwt(claims: Record<string, unknown>, clientSecret: string = SIM_OAUTH_APP.clientSecret): string {
  return sign(claims, clientSecret, { algorithm: 'HS256' });
}

/** BigCommerce calling an app's uninstall callback: GET {url}?signed_payload_jwt=… (Accept: application/json). */
export async function sendUninstallCallback(
  url: string,
  state: Pick<BigcommerceSimState, 'storeHash'>,
  nowMs = Date.now(),
): Promise<Response> {
  const target = new URL(url);
  target.searchParams.set('signed_payload_jwt', signedPayloadJwt(callbackClaims(state, nowMs)));
  return fetch(target, { headers: { accept: 'application/json' } });
}
