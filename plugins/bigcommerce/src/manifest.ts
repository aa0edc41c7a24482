/** BigCommerce platform facts as data. Every number here has its source in README.md. */
import { manifestFromJson } from '@stock-sync/plugin-sdk';
import facts from './manifest.json';

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

/** The manifest and credential fields the host reads: the platform's facts as data (manifest.json). */
export const { manifest, credentialFields } = manifestFromJson(facts);
