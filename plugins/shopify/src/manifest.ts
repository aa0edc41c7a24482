/** Shopify's platform facts as data. Every number here has its source in README.md. */
import { defineManifest, BASE_URL_FIELD, tokenExpiryFields } from '@stock-sync/plugin-sdk';
import type { CredentialField } from '@stock-sync/plugin-api';

/** The Admin API version every document in documents.ts is validated against. */
export const API_VERSION = '2026-04';

/** Shopify caps every GraphQL input array at 250 items (quantities[], variants[], nodes(ids:)). */
export const MAX_INPUT_ARRAY = 250;

/** The largest requested cost Shopify runs in one query (MAX_COST_EXCEEDED above it). */
export const MAX_QUERY_COST = 1000;

/** Our estimate's cap per request, 80 % of MAX_QUERY_COST: Shopify's calculator has the last word (README "Rate limits"). */
export const QUERY_COST_BUDGET = 800;

/** Standard-plan bucket: 2000 points, restored at 100 points/s (higher plans get more; we assume the floor). */
export const STANDARD_BUCKET = Object.freeze({ maximumAvailable: 2000, restoreRate: 100 });

export const manifest = defineManifest({
  id: 'shopify',
  displayName: 'Shopify',
  capabilities: {
    // Untracked inventory (InventoryItem.tracked = false) is Shopify's own "sell without counting".
    unlimitedStock: 'native',
    maxBatch: MAX_INPUT_ARRAY,
  },
  rateLimit: {
    // Cost points, not requests: each call is charged its requested cost, so the SDK's bucket mirrors Shopify's.
    requestsPerSecond: STANDARD_BUCKET.restoreRate,
    burst: STANDARD_BUCKET.maximumAvailable,
    note:
      'Admin GraphQL calculated query cost, per app and store: Standard plan 100 points/s restore, ' +
      '2000-point bucket, at most 1000 points per query (https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits). ' +
      'Limits here are in points; each request is charged its requested cost.',
  },
  docsUrl: 'https://shopify.dev/docs/api/admin-graphql/2026-04',
});

/** Store setting: may the hub stock an item at the location (inventoryActivate)? Default yes. */
export const ACTIVATE_AT_LOCATION_FIELD = 'activateItemsAtLocation';

export const credentialFields: readonly CredentialField[] = [
  {
    name: 'shop',
    secret: false,
    required: true,
    description: "The shop's myshopify domain, e.g. example-store.myshopify.com (or just example-store).",
  },
  {
    name: 'accessToken',
    secret: true,
    required: true,
    description: 'Admin API access token (shpat_…) with read_products, write_products, read_inventory, write_inventory, read_locations.',
  },
  {
    name: 'locationId',
    secret: false,
    required: true,
    description: 'The Shopify location whose "available" quantity the hub owns (numeric id or gid://shopify/Location/…).',
  },
  {
    name: ACTIVATE_AT_LOCATION_FIELD,
    secret: false,
    required: false,
    description:
      "When a variant's inventory item is not stocked at locationId, the hub stocks it there (inventoryActivate) before " +
      "setting its quantity. 'false' turns that off: such variants are then reported Rejected, saying so.",
  },
  // Filled by the install flow (public apps, expiring offline tokens); absent for a custom app's non-expiring token.
  {
    name: 'refreshToken',
    secret: true,
    required: false,
    description: 'Expiring offline tokens only: the refresh token (90 days, rotated on every refresh). Set by the install flow.',
  },
  ...tokenExpiryFields({ access: 'expiring offline tokens only: 60 minutes', refresh: 'expiring offline tokens only: 90 days' }),
  BASE_URL_FIELD,
];
