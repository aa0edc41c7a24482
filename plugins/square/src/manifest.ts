/** Square platform facts as data. Every number here has its source in README.md. */
import { defineManifest, BASE_URL_FIELD, tokenExpiryFields } from '@stock-sync/plugin-sdk';
import type { CredentialField } from '@stock-sync/plugin-api';

export const DEFAULT_BASE_URL = 'https://connect.squareup.com';

/** The API version this plugin is written and tested against (the spec snapshot's release). */
export const SQUARE_VERSION = '2025-08-20';

/** BatchChangeInventory `changes[]` per request: "Max size is 100 changes" (retired SDK docs; none stated now). */
export const MAX_INVENTORY_CHANGES = 100;

/** BatchUpsertCatalogObjects: "Each batch may contain up to 1,000 objects" (spec). */
export const MAX_OBJECTS_PER_UPSERT_BATCH = 1000;

/** BatchRetrieveInventoryCounts `limit`: 1–1000 (spec). */
export const MAX_COUNTS_PAGE = 1000;

export const manifest = defineManifest({
  id: 'square',
  displayName: 'Square',
  capabilities: {
    // track_inventory:false is Square's own "not tracked, always sellable" form.
    unlimitedStock: 'native',
    maxBatch: MAX_INVENTORY_CHANGES,
  },
  rateLimit: {
    // Chosen, not documented: each writeStock of 100 changes takes at most 3 calls.
    requestsPerSecond: 5,
    burst: 10,
    note:
      'Square does not publish rate limits; throttled calls get 429 with errors[].code RATE_LIMITED and no Retry-After ' +
      '(https://developer.squareup.com/docs/build-basics/handling-errors). The hub keeps to 5 req/s (burst 10).',
  },
  docsUrl: 'https://developer.squareup.com/reference/square/inventory-api/batch-change-inventory',
});

export const credentialFields: readonly CredentialField[] = [
  {
    name: 'accessToken',
    secret: true,
    required: true,
    description:
      'OAuth access token (or personal access token) with ITEMS_READ, ITEMS_WRITE, INVENTORY_READ, INVENTORY_WRITE and MERCHANT_PROFILE_READ (to verify the location); sent as a Bearer token.',
  },
  {
    name: 'refreshToken',
    secret: true,
    required: false,
    description:
      'OAuth refresh token (set by the install flow); the hub renews the 30-day access token with it. Absent for a personal access token.',
  },
  ...tokenExpiryFields({
    access: "Square's expires_at, 30 days after issue",
    refresh: 'Square sends one only for PKCE-flow tokens; code-flow refresh tokens never expire',
  }),
  {
    name: 'locationId',
    secret: false,
    required: true,
    description: 'The Square location whose stock the hub keeps (Dashboard → Settings → Locations, or ListLocations).',
  },
  BASE_URL_FIELD,
];
