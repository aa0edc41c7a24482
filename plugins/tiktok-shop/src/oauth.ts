/**
 * How a seller connects a TikTok Shop, and how its tokens are renewed (README "Connecting": sources, each step's
 * decision). TikTok's flow is not RFC 6749's, so most of it is code. Unverified: whether new apps still accept the
 * app_key consent link (rather than the service_id one); which codes refuse a spent or expired grant (every
 * non-zero code is an AuthError); whether TikTok invalidates a refresh token at once (the token calls are GETs the
 * SDK client may resend after a 5xx); the deauthorization webhook's signature (TikTok's page could not be read).
 */
import { ACCESS_TOKEN_EXPIRES_AT, AuthError, Rejected, REFRESH_TOKEN_EXPIRES_AT, Transient } from '@stock-sync/plugin-api';
import { idText, instantFromUnixSeconds, jsonObjectOf, oauthUrl } from '@stock-sync/plugin-sdk';
import type {
  ConnectContext,
  ConnectedStore,
  HttpClient,
  HttpResponse,
  InboundRequest,
  OAuthApp,
  OAuthExchangeContext,
  PluginError,
  PluginOAuth,
  UninstallNotice,
} from '@stock-sync/plugin-api';
import { isSignedByApp, SIGNATURE_HEADER } from './notices';
import { authorizedShops, createTikTokApi, describe, isEnvelope, type TikTokEnvelope, type TikTokShop } from './tiktok-api';

const AUTH_BASE_URL = 'https://auth.tiktok-shops.com';
const AUTHORIZE_URL = `${AUTH_BASE_URL}/oauth/authorize`;
export const TOKEN_GET_PATH = '/api/v2/token/get';
export const TOKEN_REFRESH_PATH = '/api/v2/token/refresh';
/** The webhook type of a seller removing the app's authorization (community client: SELLER_DEAUTHORIZATION = 6). */
export const SELLER_DEAUTHORIZATION = 6;

/** A refusal of the grant (non-zero code, any status below 500 but 429) → AuthError with TikTok's words. */
function classifyTokenResponse(res: HttpResponse): { error?: PluginError } | undefined {
  const env = res.data;
  if (res.status >= 500 || res.status === 429 || !isEnvelope(env) || env.code === 0) return undefined;
  const details = { status: res.status, code: env.code, requestId: env.request_id };
  return { error: new AuthError(`TikTok Shop refused the token request (${describe(env)}): connect the shop again`, details) };
}

/** TikTok's `*_expire_in`, a Unix timestamp in seconds → ISO 8601; anything else is not an answer we can use. */
function expiryOf(d: Record<string, unknown>, field: string): string {
  const instant = instantFromUnixSeconds(d[field]);
  if (!instant) throw new Transient(`TikTok Shop's token answer has no usable ${field}`);
  return instant;
}

/** A token answer's `data` → both tokens and when each stops working (ISO 8601), as credentials. */
export function tokensFrom(data: unknown): Record<string, string> {
  const d = (data ?? {}) as Record<string, unknown>;
  if (typeof d.access_token !== 'string' || d.access_token === '' || typeof d.refresh_token !== 'string' || d.refresh_token === '') {
    throw new Transient('TikTok Shop answered the token request without access_token and refresh_token');
  }
  return {
    accessToken: d.access_token,
    refreshToken: d.refresh_token,
    [ACCESS_TOKEN_EXPIRES_AT]: expiryOf(d, 'access_token_expire_in'),
    [REFRESH_TOKEN_EXPIRES_AT]: expiryOf(d, 'refresh_token_expire_in'),
  };
}

/** One call to the auth host: the real one, or the sandbox origin (the app's baseUrl, else the store's; with any path prefix). */
async function tokenCall(
  http: HttpClient,
  sandbox: string | undefined,
  app: Pick<OAuthApp, 'clientId' | 'clientSecret'>,
  grant: { auth_code: string; grant_type: 'authorized_code' } | { refresh_token: string; grant_type: 'refresh_token' },
): Promise<Record<string, string>> {
  const path = 'auth_code' in grant ? TOKEN_GET_PATH : TOKEN_REFRESH_PATH;
  const secret = 'auth_code' in grant ? grant.auth_code : grant.refresh_token;
  const client = http.extend({ classify: classifyTokenResponse, secrets: [app.clientSecret, secret].filter((s) => s !== '') });
  const res = await client.request<TikTokEnvelope<unknown>>({
    method: 'GET',
    url: `${(sandbox ?? AUTH_BASE_URL).replace(/\/+$/, '')}${path}`,
    params: { app_key: app.clientId, app_secret: app.clientSecret, ...grant },
    headers: { accept: 'application/json' },
  });
  if (!isEnvelope(res.data))
    throw new Transient(`TikTok Shop's auth host answered ${path} with something that is not an API response (HTTP ${res.status})`);
  return tokensFrom(res.data.data);
}

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

async function exchange(ctx: OAuthExchangeContext): Promise<ConnectedStore> {
  const code = ctx.callback.query.code;
  if (!code) throw new AuthError('the TikTok Shop callback carries no authorization code');
  const grant = { auth_code: code, grant_type: 'authorized_code' } as const;
  const credentials: Record<string, string> = {
    appKey: ctx.app.clientId,
    appSecret: ctx.app.clientSecret,
    ...(await tokenCall(ctx.http, ctx.app.baseUrl, ctx.app, grant)),
  };
  if (ctx.app.baseUrl) credentials.baseUrl = ctx.app.baseUrl;
  const api = createTikTokApi({ credentials: { ...credentials, shopCipher: '' }, http: ctx.http, log: ctx.log });
  const shop = chooseShop(await authorizedShops(api), ctx.inputs.shopId);
  return { externalStoreId: shop.id, credentials: { ...credentials, shopCipher: shop.cipher, shopId: shop.id } };
}

export async function refreshTikTokCredentials(ctx: ConnectContext): Promise<Record<string, string>> {
  const { refreshToken, appKey, appSecret, baseUrl } = ctx.credentials;
  if (!refreshToken) throw new AuthError('no refreshToken is stored for this TikTok Shop store: connect it again');
  if (!appKey || !appSecret) throw new AuthError('the TikTok Shop store lacks appKey / appSecret: connect it again');
  const grant = { refresh_token: refreshToken, grant_type: 'refresh_token' } as const;
  const app = { clientId: appKey, clientSecret: appSecret };
  return { ...ctx.credentials, ...(await tokenCall(ctx.http, ctx.app?.baseUrl ?? baseUrl, app, grant)) };
}

/** The deauthorization webhook, checked against the app's key and secret; null = not a verified deauthorization. */
export function verifyDeauthorization(req: InboundRequest, app: OAuthApp): UninstallNotice | null {
  if (req.method.toUpperCase() !== 'POST') return null;
  if (!isSignedByApp(req.headers[SIGNATURE_HEADER], app.clientId, app.clientSecret, req.rawBody)) return null;
  const body = jsonObjectOf(req);
  if (!body) return null;
  // The shop as notices.ts reads it (idText: a non-empty string, or a number as its text).
  const shopId = idText(body.shop_id);
  if (Number(body.type) !== SELLER_DEAUTHORIZATION || !shopId) return null;
  return { externalStoreId: shopId, reason: 'the seller removed the app’s authorization on TikTok Shop (SELLER_DEAUTHORIZATION webhook)' };
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
    // "The default access token validity period is seven days."
    accessTokenSeconds: 7 * 24 * 3_600,
    // A day ahead of the seven: a refresh the sweep misses has six more days to succeed.
    refreshAheadSeconds: 24 * 3_600,
    source: 'https://partner.tiktokshop.com/doc/page/63fd743c715d622a338c4e5a',
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
