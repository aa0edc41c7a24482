/**
 * The BigCommerce integration plugin: variant stock over the v3 Catalog and Inventory APIs.
 * Decisions and their sources: README.md.
 */
import type { IntegrationPlugin } from '@stock-sync/plugin-sdk';
import { createBcApi } from './bc-api';
import { BigCommerceConnection } from './connection';
import { credentialFields, DEFAULT_LOCATION_ID, manifest } from './manifest';
import { parseBcId } from './ids';

export const plugin: IntegrationPlugin = {
  manifest,
  credentialFields,
  connect(ctx) {
    const locationId = parseBcId(ctx.credentials.locationId ?? '') ?? DEFAULT_LOCATION_ID;
    return new BigCommerceConnection(createBcApi(ctx), ctx.log, locationId);
  },
};

export default plugin;
export { manifest, credentialFields } from './manifest';
export { fromBcStock, trackedChange, untrackedChange } from './stock-mapping';
