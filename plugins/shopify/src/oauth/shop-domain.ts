/**
 * The shop's myshopify.com domain, the way the install flow needs it: what the merchant types may be the
 * short form ("example-store") or a URL; what Shopify sends back (the callback's `shop`, the webhook's
 * X-Shopify-Shop-Domain) must already be the exact domain. Only *.myshopify.com hosts: a code, a token or the
 * app's secret must never be sent anywhere else (the sandbox goes through the app's baseUrl instead).
 */
import { shopOrigin } from '../shopify-api';

/** Shopify's shop domain rule as its official library applies it, limited to myshopify.com. */
export const MYSHOPIFY_DOMAIN = /^[a-zA-Z0-9][a-zA-Z0-9-]*\.myshopify\.com$/;

/** A merchant's input → 'example-store.myshopify.com'; AuthError naming the rule otherwise. */
export function shopDomainFromInput(input: string | undefined): string {
  return new URL(shopOrigin(input)).host;
}

/** A domain Shopify sent: exactly <name>.myshopify.com (lower-cased), or undefined. */
export function shopDomainFromShopify(value: string | undefined): string | undefined {
  return typeof value === 'string' && MYSHOPIFY_DOMAIN.test(value) ? value.toLowerCase() : undefined;
}
