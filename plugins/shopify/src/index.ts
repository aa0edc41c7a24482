// The Shopify plugin (Admin GraphQL API 2026-04; every decision and its source in README.md). Stateless.
import type { IntegrationPlugin } from '@stock-sync/plugin-api';
import { connectShopify } from './connection';
import { credentialFields, manifest } from './manifest';
import { shopifyNotices } from './notices';
import { refreshShopifyCredentials, shopifyOAuth } from './oauth';

export const plugin: IntegrationPlugin = {
  manifest,
  credentialFields,
  connect: (ctx) => connectShopify(ctx),
  // Public apps: the install flow with expiring offline tokens, renewed here (README "Connecting").
  oauth: shopifyOAuth,
  refreshCredentials: (ctx) => refreshShopifyCredentials(ctx),
  // Drift in seconds: products/update webhooks, app-signed, subscribed per shop (README "Platform notices").
  notices: shopifyNotices,
};

export default plugin;
export { manifest, credentialFields } from './manifest';
