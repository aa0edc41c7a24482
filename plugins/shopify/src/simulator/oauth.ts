/**
 * Shopify's install flow in the simulator, on the testkit's OAuth kit: the consent at /admin/oauth/authorize
 * (auto-approves; the callback signed as Shopify signs it: code, host, shop, state, timestamp + hmac), the token
 * endpoint at /admin/oauth/access_token (the code exchange without grant_type; `expiring: "1"` asks for an
 * expiring offline token — 60 minutes, with a 90-day refresh token rotated on every refresh, the replaced one
 * kept until its replacement is used, for 30 days at most; without it a non-expiring token), expiry by the
 * simulator clock, and the app/uninstalled webhook signed as Shopify signs it. Sources: plugin README, "Connecting".
 */
import { simHmacSha256 } from '@stock-sync/plugin-testkit/simulator';
import type { OAuthSimulatorConfig, SimRequest } from '@stock-sync/plugin-testkit/simulator';
import { ACCESS_TOKEN_SECONDS, REFRESH_TOKEN_SECONDS, signCallbackQuery, UNINSTALL_TOPIC } from '../oauth';
import { API_VERSION } from '../manifest';
import { unauthorized } from './responses';
import type { ShopifyState } from './state';

/** The simulator's sandbox app: obviously fake values, for tests and the sandbox only. */
export const SIM_OAUTH_APP = Object.freeze({
  clientId: 'stock-sync-sim-shopify-client-id',
  clientSecret: 'shpss_sandbox_test_secret_not_real_0000',
});

/** Shopify keeps a replaced refresh token until its replacement is used, for 30 days from its first use. */
export const RETAIN_REPLACED_REFRESH_TOKEN_SECONDS = 30 * 86400;

function wantsExpiring(req: SimRequest): boolean {
  const v = (req.body as { expiring?: unknown } | undefined)?.expiring;
  return v === '1' || v === 1;
}

export const shopifyOAuthSimConfig: OAuthSimulatorConfig<ShopifyState> = {
  app: SIM_OAUTH_APP,
  authorizePath: '/admin/oauth/authorize',
  tokenPath: '/admin/oauth/access_token',
  accessTokenSeconds: ACCESS_TOKEN_SECONDS,
  refreshTokenSeconds: REFRESH_TOKEN_SECONDS,
  retainReplacedRefreshTokenSeconds: RETAIN_REPLACED_REFRESH_TOKEN_SECONDS,
  grantTypeWhenAbsent: 'authorization_code',
  nonExpiring: (req) => !wantsExpiring(req),
  clientAuthentication: ['body'],
  encodings: ['json', 'form'],
  prefixes: { code: '', accessToken: 'shpat_', refreshToken: 'shprt_' },
  subject: (_req, ctx) => ctx.state.shop.myshopifyDomain,
  approveParams: (params, consent, ctx) => {
    const query: Record<string, string> = {
      code: params.code,
      // Shopify's host parameter: base64 of the shop's admin (unverified beyond the documented examples).
      host: Buffer.from(`${consent.subject}/admin`).toString('base64'),
      shop: consent.subject,
      timestamp: String(Math.floor(ctx.now() / 1000)),
    };
    if (params.state !== undefined) query.state = params.state;
    return { ...query, hmac: signCallbackQuery(query, SIM_OAUTH_APP.clientSecret) };
  },
  // A declined consent: unverified (Shopify documents no redirect for it); the kit's RFC 6749 §4.1.2.1
  // error=access_denied redirect stands in, and the hub's flow fails either way.
  tokenAnswer: (t) => {
    const body: Record<string, unknown> = { access_token: t.accessToken, scope: t.scope };
    if (t.expiresIn !== undefined) body.expires_in = t.expiresIn;
    if (t.refreshToken !== undefined) body.refresh_token = t.refreshToken;
    if (t.refreshTokenExpiresIn !== undefined) body.refresh_token_expires_in = t.refreshTokenExpiresIn;
    return { status: 200, body };
  },
  readAccessToken: (req) => req.headers['x-shopify-access-token'],
  refused: () => unauthorized(),
};

/** The app/uninstalled webhook Shopify would POST for the simulated shop (what the hub's uninstall route receives). */
export function appUninstalledWebhook(
  state: ShopifyState,
  clientSecret: string = SIM_OAUTH_APP.clientSecret,
): { method: 'POST'; headers: Record<string, string>; body: string } {
  const body = JSON.stringify({
    id: Number(state.shop.id.replace(/\D/g, '')),
    name: state.shop.name,
    domain: state.shop.myshopifyDomain,
    myshopify_domain: state.shop.myshopifyDomain,
  });
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': UNINSTALL_TOPIC,
      'x-shopify-hmac-sha256': simHmacSha256(clientSecret, body, 'base64'),
      'x-shopify-shop-domain': state.shop.myshopifyDomain,
      'x-shopify-api-version': API_VERSION,
      'x-shopify-webhook-id': `sim-${state.nextId}`,
    },
    body,
  };
}
