/**
 * The WooCommerce integration plugin: variation stock over the wc/v3 REST API.
 * Decisions and their sources: README.md.
 */
import type { IntegrationPlugin } from '@stock-sync/plugin-sdk';
import { wooConnection } from './connection';
import { credentialFields, manifest } from './manifest';
import { woocommerceOAuth } from './oauth/woocommerce-oauth';
import { createWooApi } from './woo-api';
import { wooNotices } from './notices';

export const plugin: IntegrationPlugin = {
  manifest,
  credentialFields,
  connect(ctx) {
    return wooConnection(createWooApi(ctx), ctx.log);
  },
  oauth: woocommerceOAuth,
  notices: wooNotices,
};

export default plugin;
export { manifest, credentialFields } from './manifest';
export { woocommerceOAuth } from './oauth/woocommerce-oauth';
export { wooNotices, wooNoticeRefs, wooShownStock, wooSignature, verifyWooSignature, NOTICE_TOPICS } from './notices';
export { toVariationUpdate, fromVariationStock } from './stock-mapping';
