/** The BigCommerce integration plugin: variant stock over the v3 Catalog and Inventory APIs (decisions and sources: README.md). */
import type { IntegrationPlugin } from '@stock-sync/plugin-api';
import { connectBigCommerce } from './connection';
import { credentialFields, manifest } from './manifest';
import { bigcommerceNotices } from './notices';
import { bigcommerceOAuth } from './oauth';

export const plugin: IntegrationPlugin = {
  manifest,
  credentialFields,
  connect: (ctx) => connectBigCommerce(ctx),
  oauth: bigcommerceOAuth,
  notices: bigcommerceNotices,
};

export default plugin;
export { manifest, credentialFields } from './manifest';
export { bigcommerceOAuth, BIGCOMMERCE_OAUTH_SCOPES, verifySignedPayloadJwt } from './oauth';
export { bigcommerceNotices, bigcommerceNoticeRefs, standardWebhookSignature, verifyStandardWebhook, NOTICE_TOPICS } from './notices';
