/**
 * How a seller connects a TikTok Shop (the `oauth` part of the plugin). TikTok's flow is not RFC 6749's, so
 * most of it is code:
 * - consent: the seller opens https://auth.tiktok-shops.com/oauth/authorize?app_key&state and authorizes the
 *   app; TikTok sends them to the redirect URL registered with the app, with ?code&state (the auth code lives
 *   30 minutes and is single-use). No client_id / redirect_uri / scope parameters: the app's registration
 *   holds them. (The Partner Center's current seller link, services.tiktokshop.com/open/authorize?service_id=…,
 *   needs the app's service id, which the hub's app configuration does not carry: unverified whether new apps
 *   still accept the app_key link.) TikTok does not sign the callback: the hub's single-use state is its check.
 * - code exchange: GET the auth host's /api/v2/token/get (token-api.ts), then the signed
 *   GET /authorization/202309/shops with the new token: the shop's `cipher` (shop-scoped calls) and `id`
 *   (the store's externalStoreId, what the deauthorization webhook names).
 * - uninstall: the SELLER_DEAUTHORIZATION webhook (type 6), signed with HMAC-SHA256(app_secret, app_key + raw
 *   body), hex, in the Authorization header (the community client's Webhook::verify; TikTok's webhook page could
 *   not be read: unverified).
 */
import {
  ACCESS_TOKEN_EXPIRES_AT,
  AuthError,
  jsonObjectOf,
  oauthUrl,
  Rejected,
  REFRESH_TOKEN_EXPIRES_AT,
  type ConnectedStore,
  type InboundRequest,
  type OAuthApp,
  type OAuthExchangeContext,
  type PluginOAuth,
  type UninstallNotice,
} from '@stock-sync/plugin-sdk';
import { API_VERSION } from './manifest';
import { createTikTokApi } from './tiktok-api';
import type { TikTokShop } from './tiktok-types';
import { DEFAULT_AUTH_BASE_URL, tokenCall, TOKEN_GET_PATH } from './token-api';
import { isSignedByApp, SIGNATURE_HEADER } from './webhook-signature';

export const AUTHORIZE_URL = `${DEFAULT_AUTH_BASE_URL}/oauth/authorize`;
/** The webhook type of a seller removing the app's authorization (community client: SELLER_DEAUTHORIZATION = 6). */
export const SELLER_DEAUTHORIZATION = 6;
/** "The default access token validity period is seven days." */
export const ACCESS_TOKEN_SECONDS = 7 * 24 * 3_600;
const DOCS = 'https://partner.tiktokshop.com/doc/page/63fd743c715d622a338c4e5a';

/** The shop of a seller account the store syncs: the only one, or the one named by the connect input shopId. */
export function chooseShop(shops: readonly TikTokShop[], wanted: string | undefined): TikTokShop {
  if (wanted) {
    const shop = shops.find((s) => s.id === wanted);
    if (!shop)
      throw new Rejected(
        `the authorized TikTok Shop seller has no shop ${wanted} (authorized: ${shops.map((s) => s.id).join(', ') || 'none'})`,
      );
    return shop;
  }
  if (shops.length === 1) return shops[0]!;
  if (shops.length === 0) throw new Rejected('the TikTok Shop seller authorized the app for no shop');
  throw new Rejected(
    `the seller authorized ${shops.length} shops (${shops.map((s) => `${s.id} ${s.name} (${s.region})`).join('; ')}): connect again naming one as shopId`,
  );
}

/** The auth host: the real one, or the sandbox origin (the app's baseUrl, else the store's). */
export function authBaseFor(app: OAuthApp | undefined, storeBaseUrl: string | undefined): string {
  const sandbox = app?.baseUrl ?? storeBaseUrl;
  return (sandbox ?? DEFAULT_AUTH_BASE_URL).replace(/\/+$/, '');
}

async function exchange(ctx: OAuthExchangeContext): Promise<ConnectedStore> {
  const code = ctx.callback.query.code;
  if (!code) throw new AuthError('the TikTok Shop callback carries no authorization code');
  const { tokens } = await tokenCall(ctx.http, authBaseFor(ctx.app, undefined), TOKEN_GET_PATH, ctx.app, {
    auth_code: code,
    grant_type: 'authorized_code',
  });
  const credentials: Record<string, string> = {
    appKey: ctx.app.clientId,
    appSecret: ctx.app.clientSecret,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    [ACCESS_TOKEN_EXPIRES_AT]: tokens.accessTokenExpiresAt,
    [REFRESH_TOKEN_EXPIRES_AT]: tokens.refreshTokenExpiresAt,
  };
  if (ctx.app.baseUrl) credentials.baseUrl = ctx.app.baseUrl;
  const api = createTikTokApi({ credentials: { ...credentials, shopCipher: '' }, http: ctx.http, log: ctx.log });
  const env = await api.call<{ shops?: TikTokShop[] }>('GET', `/authorization/${API_VERSION}/shops`);
  if (env.code !== 0)
    throw new Rejected(`TikTok Shop did not list the authorized shops (${env.code}: ${String(env.message).slice(0, 200)})`);
  const shop = chooseShop(env.data?.shops ?? [], ctx.inputs.shopId);
  return { externalStoreId: shop.id, credentials: { ...credentials, shopCipher: shop.cipher, shopId: shop.id } };
}

/** The deauthorization webhook, checked against the app's key and secret; null = not a verified deauthorization. */
export function verifyDeauthorization(req: InboundRequest, app: OAuthApp): UninstallNotice | null {
  if (req.method.toUpperCase() !== 'POST') return null;
  if (!isSignedByApp(req.headers[SIGNATURE_HEADER], app.clientId, app.clientSecret, req.rawBody)) return null;
  const body = jsonObjectOf(req);
  if (!body) return null;
  const { type, shop_id: shopId } = body;
  if (Number(type) !== SELLER_DEAUTHORIZATION) return null;
  if ((typeof shopId !== 'string' && typeof shopId !== 'number') || String(shopId) === '') return null;
  return {
    externalStoreId: String(shopId),
    reason: 'the seller removed the app’s authorization on TikTok Shop (SELLER_DEAUTHORIZATION webhook)',
  };
}

export const tiktokOAuth: PluginOAuth = {
  connectFields: [
    {
      name: 'shopId',
      secret: false,
      required: false,
      description: 'Only when the seller account has several shops: the id of the shop to sync (the flow lists them when it is missing).',
    },
  ],
  authorizeUrl: AUTHORIZE_URL,
  scopes: [],
  tokenLifetime: {
    accessTokenSeconds: ACCESS_TOKEN_SECONDS,
    // A day ahead of the seven: a refresh the sweep misses has six more days to succeed.
    refreshAheadSeconds: 24 * 3_600,
    source: DOCS,
  },
  authorizeUrlFor(req) {
    const url = oauthUrl(AUTHORIZE_URL, req.inputs, req.app);
    url.searchParams.set('app_key', req.app.clientId);
    url.searchParams.set('state', req.state);
    // Sandbox only: the simulator cannot know the redirect URL registered with a real app.
    if (req.app.baseUrl) url.searchParams.set('redirect_uri', req.redirectUri);
    return url.toString();
  },
  exchange,
  verifyUninstall: verifyDeauthorization,
};
