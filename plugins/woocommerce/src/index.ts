/**
 * The WooCommerce integration plugin: variation stock over the wc/v3 REST API.
 * Decisions and their sources: README.md.
 */
import type { IntegrationPlugin } from '@stock-sync/plugin-sdk';
import { WooCommerceConnection } from './connection';
import { credentialFields, manifest } from './manifest';
import { createWooApi } from './woo-api';

export const plugin: IntegrationPlugin = {
  manifest,
  credentialFields,
  connect(ctx) {
    return new WooCommerceConnection(createWooApi(ctx), ctx.log);
  },
};

export default plugin;
export { manifest, credentialFields } from './manifest';
export { toVariationUpdate, fromVariationStock } from './stock-mapping';
