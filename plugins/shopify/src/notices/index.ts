/**
 * Shopify webhooks as the hub's platform notices (plugin API 1.4, issue 13; README "Platform notices"):
 *  - topic products/update (./notice-topics.ts), subscribed per shop to the hub's per-store URL through the Admin
 *    GraphQL API (./subscriptions.ts);
 *  - signed by the APP: base64 HMAC-SHA256 of the raw body with the app's client secret in X-Shopify-Hmac-Sha256
 *    (../oauth/webhook-hmac.ts, shared with the app/uninstalled notice);
 *  - refs: every variant of the product, by GID and by numeric id (./product-refs.ts);
 *  - storeOf: X-Shopify-Shop-Domain, the shop domain the install flow records, for subscriptions an app declares
 *    in its shopify.app.toml (delivered to one URL for every shop).
 * Shopify documents no freshness window for X-Shopify-Triggered-At, so none is enforced (a retry is legitimately
 * late); replays are the hub's (body digest).
 */
import type { NoticeRequest, PluginNotices } from '@stock-sync/plugin-sdk';
import { shopDomainFromShopify } from '../oauth/shop-domain';
import { shopifyWebhookSigned } from '../oauth/webhook-hmac';
import { HMAC_HEADER, headerOf, SHOP_DOMAIN_HEADER, TOPIC_HEADER } from './notice-headers';
import { NOTICE_TOPICS } from './notice-topics';
import { productUpdateRefs } from './product-refs';
import { subscribeShop, unsubscribeShop } from './subscriptions';

export function verifyShopifyNotice(req: NoticeRequest): boolean {
  return shopifyWebhookSigned(req.rawBody, headerOf(req.headers, HMAC_HEADER), req.secret);
}

/** The variants of a verified delivery; none for a topic the hub did not subscribe to. */
export function shopifyNoticeRefs(body: unknown, headers: NoticeRequest['headers'] = {}): ReturnType<PluginNotices['refs']> {
  const topic = headerOf(headers, TOPIC_HEADER);
  if (topic !== undefined && !(topic in NOTICE_TOPICS)) return [];
  return productUpdateRefs(body);
}

export function shopifyNoticeStore(_body: unknown, headers: NoticeRequest['headers']): string | undefined {
  return shopDomainFromShopify(headerOf(headers, SHOP_DOMAIN_HEADER));
}

export const shopifyNotices: PluginNotices = {
  topics: Object.keys(NOTICE_TOPICS),
  signedWith: 'app',
  verify: verifyShopifyNotice,
  refs: shopifyNoticeRefs,
  storeOf: shopifyNoticeStore,
  subscribe: (ctx, { deliveryUrl }) => subscribeShop(ctx, deliveryUrl),
  unsubscribe: (ctx, { deliveryUrl }) => unsubscribeShop(ctx, deliveryUrl),
};

export { NOTICE_TOPICS, PRODUCTS_UPDATE } from './notice-topics';
export { productUpdateRefs } from './product-refs';
export * from './notice-headers';
