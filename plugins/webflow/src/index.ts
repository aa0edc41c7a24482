/**
 * The Webflow integration plugin: SKU inventory over the Data API v2.
 * Decisions and their sources: README.md.
 */
import type { IntegrationPlugin } from '@stock-sync/plugin-sdk';
import { WebflowConnection } from './connection';
import { credentialFields, manifest } from './manifest';
import { createWebflowNotices } from './notices';
import { oauth } from './oauth';
import { SkuCollection } from './sku-collection';
import { createWebflowApi } from './webflow-api';

export const plugin: IntegrationPlugin = {
  manifest,
  credentialFields,
  connect(ctx) {
    const api = createWebflowApi(ctx);
    const siteId = (ctx.credentials.siteId ?? '').trim();
    const skuCollection = new SkuCollection(api, siteId, ctx.credentials.skuCollectionId?.trim() || undefined);
    return new WebflowConnection(api, ctx.log, siteId, skuCollection);
  },
  oauth,
  notices: createWebflowNotices(),
};

export default plugin;
export { manifest, credentialFields } from './manifest';
export { toInventoryUpdate, fromInventory } from './stock-mapping';
export {
  createWebflowNotices,
  webflowNoticeRefs,
  webflowShownStock,
  webflowSignature,
  INVENTORY_CHANGED,
  TIMESTAMP_TOLERANCE_MS,
} from './notices';
