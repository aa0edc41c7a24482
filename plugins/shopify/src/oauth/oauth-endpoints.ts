/**
 * Shopify's OAuth endpoints and parameters for public apps (authorization code grant), with their sources:
 *  - https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/authorization-code-grant
 *  - https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/offline-access-tokens
 *  - the official library: https://github.com/Shopify/shopify-app-js/blob/main/packages/apps/shopify-api/lib/auth/oauth/oauth.ts
 *    and .../refresh-token.ts
 */
export const AUTHORIZE_URL = 'https://{shop}/admin/oauth/authorize';
export const ACCESS_TOKEN_URL = 'https://{shop}/admin/oauth/access_token';

/** What the hub needs: the stock fields, the variants' tracking / policy, the location it owns. */
export const SCOPES: readonly string[] = Object.freeze([
  'read_products',
  'write_products',
  'read_inventory',
  'write_inventory',
  'read_locations',
]);

/** Expiring offline tokens: the access token lives 60 minutes, the refresh token 90 days (rotated on every refresh). */
export const ACCESS_TOKEN_SECONDS = 3600;
export const REFRESH_TOKEN_SECONDS = 90 * 86400;
export const LIFETIME_SOURCE = 'https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/offline-access-tokens';

/** The uninstall notice: the app/uninstalled webhook topic and Shopify's webhook headers. */
export const UNINSTALL_TOPIC = 'app/uninstalled';
export const HMAC_HEADER = 'x-shopify-hmac-sha256';
export const TOPIC_HEADER = 'x-shopify-topic';
export const SHOP_DOMAIN_HEADER = 'x-shopify-shop-domain';
