/**
 * The install callback's signature (https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/authorization-code-grant,
 * "Verify the installation request"): every query parameter but `hmac` (and the legacy `signature`, which
 * Shopify's official library leaves out too), sorted by name, form-encoded as name=value joined by '&', signed
 * with HMAC-SHA256 and the app's client secret, hex. Compared in constant time; the callback's `shop` must be a
 * myshopify.com domain.
 */
import { hmacSha256, safeEqual, type InboundRequest, type OAuthApp } from '@stock-sync/plugin-sdk';
import { shopDomainFromShopify } from './shop-domain';

const UNSIGNED = new Set(['hmac', 'signature']);

/** The signed message of a callback query. */
export function callbackMessage(query: Readonly<Record<string, string>>): string {
  const names = Object.keys(query)
    .filter((name) => !UNSIGNED.has(name))
    .sort();
  const form = new URLSearchParams();
  for (const name of names) form.append(name, query[name]);
  // The library encodes spaces as %20, not '+'.
  return form.toString().replace(/\+/g, '%20');
}

export function signCallbackQuery(query: Readonly<Record<string, string>>, clientSecret: string): string {
  return hmacSha256(clientSecret, callbackMessage(query), 'hex');
}

export function verifyShopifyCallback(req: InboundRequest, app: OAuthApp): boolean {
  const given = req.query.hmac;
  if (typeof given !== 'string' || given === '') return false;
  if (shopDomainFromShopify(req.query.shop) === undefined) return false;
  return safeEqual(given, signCallbackQuery(req.query, app.clientSecret));
}
