/**
 * Connecting a Shopify store as a public app (README "Connecting", with every source): the authorization code grant
 * with expiring offline tokens, the signed callback, the app/uninstalled webhook. Custom-app stores are still
 * connected by posting their (non-expiring) Admin API token.
 */
import { ACCESS_TOKEN_EXPIRES_AT, AuthError, REFRESH_TOKEN_EXPIRES_AT, Rejected } from '@stock-sync/plugin-api';
import { expiresAtFrom, hmacSha256, oauthUrl, postTokenRequest, refreshTokenGrant, safeEqual } from '@stock-sync/plugin-sdk';
import type {
  AuthorizeRequest,
  ConnectContext,
  ConnectedStore,
  InboundRequest,
  OAuthApp,
  OAuthExchangeContext,
  PluginOAuth,
  UninstallNotice,
} from '@stock-sync/plugin-api';
import { ACTIVATE_AT_LOCATION_FIELD, credentialFields } from './manifest';
import { shopDomainFromInput, shopDomainFromShopify } from './shopify-api';

const AUTHORIZE_URL = 'https://{shop}/admin/oauth/authorize';
const ACCESS_TOKEN_URL = 'https://{shop}/admin/oauth/access_token';
/** What the hub needs: the stock fields, the variants' tracking / policy, the location it owns. */
const SCOPES = Object.freeze(['read_products', 'write_products', 'read_inventory', 'write_inventory', 'read_locations']);
/** Expiring offline tokens: the access token lives 60 minutes, the refresh token 90 days (rotated on every refresh). */
export const ACCESS_TOKEN_SECONDS = 3600;
export const REFRESH_TOKEN_SECONDS = 90 * 86400;
/** Both token requests: client_id + client_secret in a JSON body. */
const TOKEN_REQUEST = { clientAuthentication: 'body', encoding: 'json' } as const;

/** Shopify's webhook headers (names as Node gives them), for the uninstall notice and the stock notices. */
export const UNINSTALL_TOPIC = 'app/uninstalled';
export const HMAC_HEADER = 'x-shopify-hmac-sha256';
export const TOPIC_HEADER = 'x-shopify-topic';
export const SHOP_DOMAIN_HEADER = 'x-shopify-shop-domain';

/**
 * "Ask for permission" on the shop's own host. No grant_options[]: offline access, the default, is what the hub needs.
 * No response_type: Shopify's documented request has none (so not the SDK's standard authorize URL).
 */
export function shopifyAuthorizeUrl(req: AuthorizeRequest): string {
  const url = oauthUrl(AUTHORIZE_URL, { shop: shopDomainFromInput(req.inputs.shop) }, req.app);
  url.searchParams.set('client_id', req.app.clientId);
  url.searchParams.set('scope', SCOPES.join(','));
  url.searchParams.set('redirect_uri', req.redirectUri);
  url.searchParams.set('state', req.state);
  return url.toString();
}

/**
 * The install callback's signed message ("Verify the installation request"): every query parameter but `hmac` and
 * the legacy `signature`, sorted, name=value joined by '&' — spaces as %20, not '+', like Shopify's library.
 */
export function callbackMessage(query: Readonly<Record<string, string>>): string {
  const signed = Object.entries(query).filter(([name]) => name !== 'hmac' && name !== 'signature');
  return new URLSearchParams(signed.sort(([a], [b]) => (a < b ? -1 : 1))).toString().replace(/\+/g, '%20');
}

export function signCallbackQuery(query: Readonly<Record<string, string>>, clientSecret: string): string {
  return hmacSha256(clientSecret, callbackMessage(query), 'hex');
}

export function verifyShopifyCallback(req: InboundRequest, app: OAuthApp): boolean {
  const given = req.query.hmac;
  if (typeof given !== 'string' || given === '' || shopDomainFromShopify(req.query.shop) === undefined) return false;
  return safeEqual(given, signCallbackQuery(req.query, app.clientSecret));
}

/**
 * The code exchange: no grant_type, no redirect_uri, `expiring: "1"` (so not the SDK's standard exchange); without
 * a refresh token (a non-expiring token, not allowed for public apps) refused. A refusal's body is unverified.
 */
export async function exchangeShopifyCode(ctx: OAuthExchangeContext, now: () => number = Date.now): Promise<ConnectedStore> {
  const shop = shopDomainFromShopify(ctx.callback.query.shop);
  if (!shop) throw new AuthError('the Shopify callback carries no myshopify.com shop');
  if (shop !== shopDomainFromInput(ctx.inputs.shop))
    throw new AuthError(`the Shopify callback is for another shop than the one being connected (${shop})`);
  const code = ctx.callback.query.code;
  if (!code) throw new AuthError('the Shopify callback carries no authorization code');

  const token = await postTokenRequest({
    http: ctx.http,
    url: oauthUrl(ACCESS_TOKEN_URL, { shop }, ctx.app).toString(),
    params: { code, expiring: '1' },
    app: ctx.app,
    options: TOKEN_REQUEST,
    what: 'the Shopify authorization code exchange',
    secrets: [code],
  });
  const { access_token: accessToken, refresh_token: refreshToken } = token;
  if (typeof accessToken !== 'string' || !accessToken) throw new Rejected('Shopify answered the code exchange without an access_token');
  if (typeof refreshToken !== 'string' || !refreshToken) {
    throw new Rejected(
      'Shopify answered the code exchange without a refresh_token: it gave a non-expiring token, which public apps may not use (expiring offline tokens are required)',
    );
  }
  const issuedAt = now();
  const credentials: Record<string, string> = { shop, accessToken, refreshToken, locationId: ctx.inputs.locationId ?? '' };
  const accessExpiry = expiresAtFrom(token.expires_in, issuedAt);
  const refreshExpiry = expiresAtFrom(token.refresh_token_expires_in, issuedAt);
  if (accessExpiry) credentials[ACCESS_TOKEN_EXPIRES_AT] = accessExpiry;
  if (refreshExpiry) credentials[REFRESH_TOKEN_EXPIRES_AT] = refreshExpiry;
  const activate = ctx.inputs[ACTIVATE_AT_LOCATION_FIELD];
  if (activate) credentials[ACTIVATE_AT_LOCATION_FIELD] = activate;
  return { externalStoreId: shop, credentials };
}

/** The SDK's RFC 6749 §6 refresh, in JSON; both tokens rotate. A custom app's token has none: its AuthError stays. */
export function refreshShopifyCredentials(ctx: ConnectContext, now?: () => number): Promise<Record<string, string>> {
  const credentials = { ...ctx.credentials, shop: shopDomainFromInput(ctx.credentials.shop) };
  return refreshTokenGrant({ ...ctx, credentials }, { platform: 'Shopify', tokenUrl: ACCESS_TOKEN_URL, tokenRequest: TOKEN_REQUEST, now });
}

/** base64(HMAC-SHA256(clientSecret, rawBody)): what Shopify puts in X-Shopify-Hmac-Sha256 of every webhook. */
export function shopifyWebhookHmac(rawBody: Uint8Array | string, clientSecret: string): string {
  return hmacSha256(clientSecret, typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody), 'base64');
}

/**
 * Whether `given` (the header's value) signs `rawBody` (README "Platform notices", "Signature"): over the bytes
 * received, never a re-serialised body, in constant time; false for a missing value or secret.
 */
export function shopifyWebhookSigned(rawBody: Uint8Array | string, given: string | undefined, clientSecret: string): boolean {
  return !!given && !!clientSecret && safeEqual(given, shopifyWebhookHmac(rawBody, clientSecret));
}

/** The app/uninstalled webhook (README "Connecting", with its sources); failing any check: null (401). */
export function verifyShopifyUninstall(req: InboundRequest, app: OAuthApp): UninstallNotice | null {
  if (req.method.toUpperCase() !== 'POST') return null;
  if (!shopifyWebhookSigned(req.rawBody, req.headers[HMAC_HEADER], app.clientSecret)) return null;
  if (req.headers[TOPIC_HEADER] !== UNINSTALL_TOPIC) return null;
  const shop = shopDomainFromShopify(req.headers[SHOP_DOMAIN_HEADER]);
  if (!shop) return null;
  // The payload is the shop: when it names its domain, it must be the header's.
  const named = (req.body as { myshopify_domain?: unknown } | undefined)?.myshopify_domain;
  if (named !== undefined && (typeof named !== 'string' || named.toLowerCase() !== shop)) return null;
  return { externalStoreId: shop, reason: 'the app was uninstalled on Shopify (app/uninstalled webhook)' };
}

export const shopifyOAuth: PluginOAuth = {
  connectFields: credentialFields.filter((f) => ['shop', 'locationId', ACTIVATE_AT_LOCATION_FIELD].includes(f.name)),
  authorizeUrl: AUTHORIZE_URL,
  tokenUrl: ACCESS_TOKEN_URL,
  scopes: SCOPES,
  scopeDelimiter: ',',
  tokenRequest: TOKEN_REQUEST,
  tokenLifetime: {
    accessTokenSeconds: ACCESS_TOKEN_SECONDS,
    refreshTokenSeconds: REFRESH_TOKEN_SECONDS,
    source: 'https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/offline-access-tokens',
  },
  authorizeUrlFor: shopifyAuthorizeUrl,
  verifyCallback: verifyShopifyCallback,
  exchange: (ctx) => exchangeShopifyCode(ctx),
  verifyUninstall: verifyShopifyUninstall,
};
