/** BigCommerce platform facts as data. Every number here has its source in README.md. */
import { defineManifest, BASE_URL_FIELD } from '@stock-sync/plugin-sdk';
import type { CredentialField } from '@stock-sync/plugin-api';

/** PUT /catalog/variants: at most 50 variants ("Currently the limit is 50", catalog variants spec). */
export const MAX_VARIANTS_PER_BATCH = 50;

/** PUT /catalog/products: at most 10 products per call (products batch docs). */
export const MAX_PRODUCTS_PER_BATCH = 10;

/** PUT /inventory/adjustments/absolute: "Limit of 2000 items for payload length" (inventory spec). */
export const MAX_ADJUSTMENT_ITEMS = 2000;

/** Variant ids per location-items read and its page size (one item per variant): 250 keeps the URL near 2 kB (cap: 1000). */
export const MAX_LOCATION_IDS_PER_READ = 250;

/** Catalog collections page at most 250 per page (`limit`, default 50). */
export const MAX_PAGE_SIZE = 250;

/** "Unlimited" on a product tracked by variant: written, and read back from this count up (README "Mapping": why 1,000,000). */
export const EMULATED_UNLIMITED_QUANTITY = 1_000_000;

/** The reason recorded on every absolute adjustment (shown in the store's inventory history). */
export const ADJUSTMENT_REASON = 'Stock Sync Hub: fulfillment availability';

/** BigCommerce's default location; stores with Multi-Location Inventory may name another one. */
export const DEFAULT_LOCATION_ID = 1;

export const manifest = defineManifest({
  id: 'bigcommerce',
  displayName: 'BigCommerce',
  capabilities: {
    // Native on untracked products, a high count on products tracked by variant (README "Mapping").
    unlimitedStock: 'emulated',
    // The chunk one products read plans, not one call's size (README "Fewest calls").
    maxBatch: 250,
  },
  rateLimit: {
    requestsPerSecond: 2.5,
    burst: 10,
    note:
      'BigCommerce: store-wide quota shared by all apps, 150 requests per 30 s window on Standard/Plus (450 on Pro); ' +
      '429 with X-Rate-Limit-Time-Reset-Ms when spent (https://developer.bigcommerce.com/docs/start/best-practices/api-rate-limits). ' +
      'The hub keeps to 2.5 req/s, half of the smallest plan.',
    // Every answer carries X-Rate-Limit-Requests-Left; at 0 the store waits X-Rate-Limit-Time-Reset-Ms (same page).
    signals: [{ remaining: 'X-Rate-Limit-Requests-Left', pause: { header: 'X-Rate-Limit-Time-Reset-Ms', unit: 'ms' }, onErrors: true }],
  },
  docsUrl: 'https://developer.bigcommerce.com/docs/rest-catalog/product-variants/variants-batch',
});

export const credentialFields: readonly CredentialField[] = [
  {
    name: 'storeHash',
    secret: false,
    required: true,
    description: 'The store hash: the part after /stores/ in the API path shown with the store API account (e.g. abc123def).',
  },
  {
    name: 'accessToken',
    secret: true,
    required: true,
    description:
      'Access token with Products: modify and Store Inventory: modify scopes, sent as X-Auth-Token: set by the single-click app install, or a store-level API account (Settings → Store-level API accounts).',
  },
  {
    name: 'locationId',
    secret: false,
    required: false,
    description: 'Inventory location whose counts the hub sets (Multi-Location Inventory); default 1, the default location.',
  },
  BASE_URL_FIELD,
];
