/**
 * Connecting a Shopify store as a public app does: the authorization code grant with expiring offline tokens
 * (mandatory for public apps from 1 January 2027), Shopify's signed callback, and the app/uninstalled webhook.
 * Custom-app stores are still connected by posting their (non-expiring) Admin API token.
 */
import type { PluginOAuth } from '@stock-sync/plugin-sdk';
import { ACTIVATE_AT_LOCATION_FIELD } from '../manifest';
import { shopifyAuthorizeUrl } from './authorize-url';
import { verifyShopifyCallback } from './callback-hmac';
import { exchangeShopifyCode } from './exchange-code';
import { ACCESS_TOKEN_SECONDS, ACCESS_TOKEN_URL, AUTHORIZE_URL, LIFETIME_SOURCE, REFRESH_TOKEN_SECONDS, SCOPES } from './oauth-endpoints';
import { verifyShopifyUninstall } from './uninstall-notice';

export const shopifyOAuth: PluginOAuth = {
  connectFields: [
    {
      name: 'shop',
      secret: false,
      required: true,
      description: "The shop's myshopify domain, e.g. example-store.myshopify.com (or just example-store).",
    },
    {
      name: 'locationId',
      secret: false,
      required: true,
      description: 'The Shopify location whose "available" quantity the hub owns (numeric id or gid://shopify/Location/…).',
    },
    {
      name: ACTIVATE_AT_LOCATION_FIELD,
      secret: false,
      required: false,
      description: "'false': never stock an item at the location (see credentialFields).",
    },
  ],
  authorizeUrl: AUTHORIZE_URL,
  tokenUrl: ACCESS_TOKEN_URL,
  scopes: SCOPES,
  scopeDelimiter: ',',
  tokenRequest: { clientAuthentication: 'body', encoding: 'json' },
  tokenLifetime: { accessTokenSeconds: ACCESS_TOKEN_SECONDS, refreshTokenSeconds: REFRESH_TOKEN_SECONDS, source: LIFETIME_SOURCE },
  authorizeUrlFor: shopifyAuthorizeUrl,
  verifyCallback: verifyShopifyCallback,
  exchange: (ctx) => exchangeShopifyCode(ctx),
  verifyUninstall: verifyShopifyUninstall,
};

export { shopifyAuthorizeUrl, verifyShopifyCallback, exchangeShopifyCode, verifyShopifyUninstall };
export { callbackMessage, signCallbackQuery } from './callback-hmac';
export { refreshShopifyCredentials } from './refresh-credentials';
export { shopDomainFromInput, shopDomainFromShopify, MYSHOPIFY_DOMAIN } from './shop-domain';
export * from './oauth-endpoints';
export { shopifyWebhookHmac, shopifyWebhookSigned } from './webhook-hmac';
