/** The WooCommerce integration plugin: variation stock over the wc/v3 REST API. Decisions and sources: README.md. */
import type { IntegrationPlugin } from '@stock-sync/plugin-api';
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
export { wooNoticeRefs, wooShownStock, wooSignature } from './notices';
