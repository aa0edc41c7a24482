/** Square platform facts as data. Every number here has its source in README.md. */
import { manifestFromJson } from '@stock-sync/plugin-sdk';
import facts from './manifest.json';

export const DEFAULT_BASE_URL = 'https://connect.squareup.com';

/** The API version this plugin is written and tested against (the spec snapshot's release). */
export const SQUARE_VERSION = '2025-08-20';

/** BatchUpsertCatalogObjects: "Each batch may contain up to 1,000 objects" (spec). */
export const MAX_OBJECTS_PER_UPSERT_BATCH = 1000;

/** BatchRetrieveInventoryCounts `limit`: 1–1000 (spec). */
export const MAX_COUNTS_PAGE = 1000;

/** The manifest and credential fields the host reads: the platform's facts as data (manifest.json). */
export const { manifest, credentialFields } = manifestFromJson(facts);

/** BatchChangeInventory `changes[]` per request: "Max size is 100 changes" (retired SDK docs; none stated now). */
export const MAX_INVENTORY_CHANGES = manifest.capabilities.maxBatch;
