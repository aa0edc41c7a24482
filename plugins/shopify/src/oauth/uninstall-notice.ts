/**
 * The app/uninstalled webhook (https://shopify.dev/docs/apps/build/webhooks/subscribe/https, "Verify the
 * webhook"; topic https://shopify.dev/docs/api/webhooks?reference=toml#list-of-topics-app/uninstalled):
 * X-Shopify-Hmac-Sha256 is the base64 HMAC-SHA256 of the raw body with the app's client secret (compared in
 * constant time, over the bytes received, never a re-serialised body); X-Shopify-Topic names the topic,
 * X-Shopify-Shop-Domain the shop. A notice that fails any check is not a notice (null: the host answers 401).
 */
import type { InboundRequest, OAuthApp, UninstallNotice } from '@stock-sync/plugin-sdk';
import { HMAC_HEADER, SHOP_DOMAIN_HEADER, TOPIC_HEADER, UNINSTALL_TOPIC } from './oauth-endpoints';
import { shopDomainFromShopify } from './shop-domain';
import { shopifyWebhookSigned } from './webhook-hmac';

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
