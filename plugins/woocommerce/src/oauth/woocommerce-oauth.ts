/**
 * WooCommerce's Application Authentication Endpoint, not OAuth 2 (README.md "Connecting", with its sources): the
 * store POSTs the keys as JSON to callback_url (any answer but 200 makes it delete the key), and the browser
 * returns with success=1|0 and our single-use state as `user_id`. The POST is not signed: the state stands alone,
 * and the keys are proven by a call to the store before they are stored. The keys do not expire: no refresh.
 */
import { AuthError } from '@stock-sync/plugin-api';
import { jsonObjectOf, oauthUrl } from '@stock-sync/plugin-sdk';
import type { AuthorizeRequest, ConnectedStore, InboundRequest, OAuthExchangeContext, PluginOAuth } from '@stock-sync/plugin-api';
import { verifyWooKeys } from '../connection';
import { createWooApi } from '../woo-api';

const AUTHORIZE_PATH = '/wc-auth/v1/authorize';
/** What the hub is called on the store's consent screen. */
export const APP_NAME = 'Stock Sync Hub';
/** The key must read and write variations ("Read/Write": wc-auth scopes are read, write, read_write). */
const WOO_SCOPE = 'read_write';

/** The store's address as given: an http(s) URL without a trailing slash (its path kept: WordPress may live in a folder). */
export function normalizedSiteUrl(raw: string | undefined): string {
  let u: URL;
  try {
    u = new URL((raw ?? '').trim());
  } catch {
    throw new Error('siteUrl is not a URL (e.g. https://shop.example.com)');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('siteUrl must be an http(s) URL');
  if (u.username || u.password || u.search || u.hash)
    throw new Error('siteUrl must be the store address alone (no credentials, query or fragment)');
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

/** The posted keys: the body as the hub parsed it, else the raw JSON ("some languages … will not display it inside $_POST"). */
function postedKeys(req: InboundRequest): Record<string, unknown> | undefined {
  const body = req.body;
  if (typeof body === 'object') return body === null || Array.isArray(body) ? undefined : (body as Record<string, unknown>);
  return jsonObjectOf(req);
}

const KEY = /^ck_[A-Za-z0-9]+$/;
const SECRET = /^cs_[A-Za-z0-9]+$/;

async function exchangeWooKeys(ctx: OAuthExchangeContext): Promise<ConnectedStore> {
  const cb = ctx.callback;
  if (cb.method !== 'POST') {
    if (cb.query.success === '0') throw new AuthError('the store owner denied access on the WooCommerce consent screen (success=0)');
    throw new AuthError('WooCommerce sends the keys by a POST from the store, not with the browser’s return: the keys were not received');
  }
  const keys = postedKeys(cb);
  const consumerKey = keys?.consumer_key;
  const consumerSecret = keys?.consumer_secret;
  if (typeof consumerKey !== 'string' || !KEY.test(consumerKey) || typeof consumerSecret !== 'string' || !SECRET.test(consumerSecret)) {
    throw new AuthError('the WooCommerce key callback carries no consumer_key (ck_…) and consumer_secret (cs_…)');
  }
  if (keys?.key_permissions !== WOO_SCOPE) {
    throw new AuthError(`the WooCommerce key has '${String(keys?.key_permissions).slice(0, 20)}' permissions; the hub needs read_write`);
  }
  const siteUrl = normalizedSiteUrl(ctx.inputs.siteUrl);
  const credentials: Record<string, string> = { siteUrl, consumerKey, consumerSecret };
  // The operator's sandbox origin in place of the store's, the store's path kept.
  if (ctx.app.baseUrl) credentials.baseUrl = oauthUrl(siteUrl, {}, ctx.app).toString().replace(/\/+$/, '');
  // Unsigned callback: prove the keys against the store the merchant named before storing them.
  await verifyWooKeys(createWooApi({ credentials, http: ctx.http, log: ctx.log }));
  return { credentials, externalStoreId: siteUrl };
}

export const woocommerceOAuth: PluginOAuth = {
  connectFields: [
    {
      name: 'siteUrl',
      secret: false,
      required: true,
      description: 'The store address, e.g. https://shop.example.com: the consent screen is on the store itself.',
    },
  ],
  // Documentary: the real URL is built by authorizeUrlFor from the store's address (a placeholder would be URL-encoded).
  authorizeUrl: `https://woocommerce.example${AUTHORIZE_PATH}`,
  scopes: [WOO_SCOPE],
  authorizeUrlFor(req: AuthorizeRequest) {
    const url = oauthUrl(`${normalizedSiteUrl(req.inputs.siteUrl)}${AUTHORIZE_PATH}`, {}, req.app);
    // The browser comes back to the hub's callback route as a GET carrying success and user_id; the store
    // posts the keys to the same route.
    const params = { app_name: APP_NAME, scope: WOO_SCOPE, user_id: req.state, return_url: req.redirectUri, callback_url: req.redirectUri };
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url.toString();
  },
  // The state: `user_id` of the posted keys, or of the browser's return (a denial has only the latter).
  readState(req: InboundRequest) {
    if (req.method !== 'POST') return req.query.user_id;
    const id = postedKeys(req)?.user_id;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
  },
  exchange: exchangeWooKeys,
};
