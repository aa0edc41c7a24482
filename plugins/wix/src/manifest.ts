/** Wix Stores platform facts as data. Every number here has its source in README.md. */
import { manifestFromJson } from '@stock-sync/plugin-sdk';
import facts from './manifest.json';

export const DEFAULT_BASE_URL = 'https://www.wixapis.com';

/** V3 Bulk Update Inventory Items: inventoryItems minItems 1, maxItems 1000. */
export const V3_BULK_MAX = 1000;

/** V1 tracks per product: an unlimited variant of a tracked product is this count; from the threshold it reads back as unlimited. */
export const V1_EMULATED_UNLIMITED = 99_999;
export const V1_UNLIMITED_READ_THRESHOLD = 90_000;

/** The manifest and credential fields the host reads: the platform's facts as data (manifest.json). */
export const { manifest, credentialFields } = manifestFromJson(facts);

/**
 * Inventory queries page at most 100 items (V1: https://dev.wix.com/docs/api-reference/business-solutions/stores/pagination.md;
 * V3 queries take up to 1,000 but 100 is kept for one call per page). The manifest's maxBatch is one such page.
 */
export const QUERY_PAGE_LIMIT = manifest.capabilities.maxBatch;
