/**
 * The BigCommerce integration plugin: variant stock over the v3 Catalog and Inventory APIs.
 * Decisions and their sources: README.md.
 */
import type { IntegrationPlugin } from '@stock-sync/plugin-sdk';
import { apiBaseUrl, createBcApi } from './bc-api';
import { processRecentWrites } from './recent-writes';
import { BigCommerceConnection } from './connection';
import { credentialFields, DEFAULT_LOCATION_ID, manifest } from './manifest';
import { parseBcId } from './ids';
import { bigcommerceNotices } from './notices';
import { bigcommerceOAuth } from './oauth/bigcommerce-oauth';

export const plugin: IntegrationPlugin = {
  manifest,
  credentialFields,
  connect(ctx) {
    const locationId = parseBcId(ctx.credentials.locationId ?? '') ?? DEFAULT_LOCATION_ID;
    return new BigCommerceConnection(createBcApi(ctx), ctx.log, locationId, processRecentWrites, apiBaseUrl(ctx.credentials));
  },
  oauth: bigcommerceOAuth,
  notices: bigcommerceNotices,
};

export default plugin;
export { manifest, credentialFields } from './manifest';
export { bigcommerceOAuth, BIGCOMMERCE_OAUTH_SCOPES } from './oauth/bigcommerce-oauth';
export { verifySignedPayloadJwt } from './oauth/signed-payload-jwt';
export { fromBcStock, trackedChange, untrackedChange } from './stock-mapping';
export { bigcommerceNotices, bigcommerceNoticeRefs, standardWebhookSignature, verifyStandardWebhook, NOTICE_TOPICS } from './notices';
