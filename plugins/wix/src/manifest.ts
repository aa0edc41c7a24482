/** Wix Stores platform facts as data. Every number here has its source in README.md. */
import { defineManifest, BASE_URL_FIELD, tokenExpiryFields } from '@stock-sync/plugin-sdk';
import type { CredentialField } from '@stock-sync/plugin-api';

export const DEFAULT_BASE_URL = 'https://www.wixapis.com';

/**
 * Inventory queries page at most 100 items (V1: https://dev.wix.com/docs/api-reference/business-solutions/stores/pagination.md;
 * V3 queries take up to 1,000 but 100 is kept for one call per page). V3 Bulk Update Inventory Items: inventoryItems
 * minItems 1, maxItems 1000.
 */
export const QUERY_PAGE_LIMIT = 100;
export const V3_BULK_MAX = 1000;

/** V1 tracks per product: an unlimited variant of a tracked product is this count; from the threshold it reads back as unlimited. */
export const V1_EMULATED_UNLIMITED = 99_999;
export const V1_UNLIMITED_READ_THRESHOLD = 90_000;

export const manifest = defineManifest({
  id: 'wix',
  displayName: 'Wix',
  capabilities: {
    // Native on V3 and on V1 products without a counted variant; emulated on a V1 product that also counts one.
    unlimitedStock: 'emulated',
    // One query page: a V3 write is one read and one bulk update, a V1 write one read plus one PATCH per product.
    maxBatch: QUERY_PAGE_LIMIT,
  },
  rateLimit: {
    // 200 requests per minute per app instance = 3.3/s; 3/s with a burst of 5 stays under it.
    requestsPerSecond: 3,
    burst: 5,
    note:
      'Wix: 200 requests per minute per app instance (https://dev.wix.com/docs/rest/articles/get-started/rate-limits). ' +
      'The hub keeps to 3 req/s, burst 5.',
  },
  docsUrl: 'https://dev.wix.com/docs/rest/business-solutions/stores/catalog-v3/inventory-items-v3/bulk-update-inventory-items',
});

export const credentialFields: readonly CredentialField[] = [
  {
    name: 'accessToken',
    secret: true,
    required: true,
    description:
      'An OAuth app access token (four hours; the install flow sets and renews it), or an API key (then also give siteId). Needs Wix Stores inventory read and write permission.',
  },
  {
    name: 'siteId',
    secret: false,
    required: false,
    description: 'The Wix site id; required with an API key (sent as wix-site-id), not needed with an app access token.',
  },
  {
    name: 'instanceId',
    secret: false,
    required: false,
    description:
      "The app instance id of the hub's Wix app on this site; set by the install flow. With it (and the app configured in the hub) the hub creates a new four-hour access token by itself.",
  },
  ...tokenExpiryFields({ access: 'four hours after it was created' }),
  {
    name: 'catalogVersion',
    secret: false,
    required: false,
    description:
      "The site's Wix Stores catalog version, 'V1' or 'V3'. Leave empty to have it detected (one extra call per connection); the version of a site never changes.",
  },
  {
    name: 'locationId',
    secret: false,
    required: false,
    description: 'Catalog V3 only: the inventory location to write when variants are stocked at several locations.',
  },
  BASE_URL_FIELD,
];
