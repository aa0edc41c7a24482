/** Squarespace platform facts as data. Every number here has its source in README.md. */
import { manifestFromJson } from '@stock-sync/plugin-sdk';
import facts from './manifest.json';

export const DEFAULT_BASE_URL = 'https://api.squarespace.com';

/** "Retrieve specific inventory": at most 50 variant ids per call. */
export const MAX_IDS_PER_READ = 50;

/** Squarespace requires a User-Agent describing the app on every request. */
export const USER_AGENT = 'StockSyncHub/1.0 (inventory sync)';

/** A 429 without Retry-After: Squarespace's documented cool-down is one minute. */
export const RATE_LIMIT_COOLDOWN_MS = 60_000;

/** The manifest and credential fields the host reads: the platform's facts as data (manifest.json). */
export const { manifest, credentialFields } = manifestFromJson(facts);

/**
 * Operations per adjustment request: no documented maximum (unverified); 50 is the figure third-party notes give and
 * the documented cap of ids per inventory read, so one read can check every variant of a refused adjustment.
 */
export const MAX_OPERATIONS_PER_ADJUSTMENT = manifest.capabilities.maxBatch;
