/** Shopify's platform facts as data. Every number here has its source in README.md. */
import { manifestFromJson } from '@stock-sync/plugin-sdk';
import facts from './manifest.json';

/** The Admin API version every document in documents.ts is validated against. */
export const API_VERSION = '2026-04';

/** The largest requested cost Shopify runs in one query (MAX_COST_EXCEEDED above it). */
export const MAX_QUERY_COST = 1000;

/** Our estimate's cap per request, 80 % of MAX_QUERY_COST: Shopify's calculator has the last word (README "Rate limits"). */
export const QUERY_COST_BUDGET = 800;

/** The manifest and credential fields the host reads: the platform's facts as data (manifest.json). */
export const { manifest, credentialFields } = manifestFromJson(facts);

/** Shopify caps every GraphQL input array at 250 items (quantities[], variants[], nodes(ids:)). */
export const MAX_INPUT_ARRAY = manifest.capabilities.maxBatch;

/**
 * Standard-plan bucket: 2000 points, restored at 100 points/s (higher plans get more; we assume the floor). The
 * manifest's rate limit is in points, so its burst and rate are this bucket.
 */
export const STANDARD_BUCKET = Object.freeze({
  maximumAvailable: manifest.rateLimit.burst,
  restoreRate: manifest.rateLimit.requestsPerSecond,
});

/** Store setting: may the hub stock an item at the location (inventoryActivate)? Default yes. */
export const ACTIVATE_AT_LOCATION_FIELD = 'activateItemsAtLocation';
