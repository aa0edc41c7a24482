/** Squarespace platform facts as data. Every number here has its source in README.md. */
import { defineManifest, BASE_URL_FIELD, tokenExpiryFields } from '@stock-sync/plugin-sdk';
import type { CredentialField } from '@stock-sync/plugin-api';

export const DEFAULT_BASE_URL = 'https://api.squarespace.com';

/**
 * Operations per adjustment request: no documented maximum (unverified); 50 is the figure third-party notes give and
 * the documented cap of ids per inventory read, so one read can check every variant of a refused adjustment.
 */
export const MAX_OPERATIONS_PER_ADJUSTMENT = 50;

/** "Retrieve specific inventory": at most 50 variant ids per call. */
export const MAX_IDS_PER_READ = 50;

/** Squarespace requires a User-Agent describing the app on every request. */
export const USER_AGENT = 'StockSyncHub/1.0 (inventory sync)';

/** A 429 without Retry-After: Squarespace's documented cool-down is one minute. */
export const RATE_LIMIT_COOLDOWN_MS = 60_000;

export const manifest = defineManifest({
  id: 'squarespace',
  displayName: 'Squarespace',
  capabilities: {
    // isUnlimited (setUnlimitedOperations) is Squarespace's own "never runs out".
    unlimitedStock: 'native',
    maxBatch: MAX_OPERATIONS_PER_ADJUSTMENT,
  },
  rateLimit: {
    requestsPerSecond: 4,
    burst: 5,
    note:
      'Squarespace Commerce APIs: 300 requests per minute; over it 429 with a 1-minute cool-down ' +
      '(https://developers.squarespace.com/commerce-apis/rate-limits). The hub keeps to 4 req/s, burst 5.',
  },
  docsUrl: 'https://developers.squarespace.com/commerce-apis/adjust-stock-quantities',
});

export const credentialFields: readonly CredentialField[] = [
  {
    name: 'apiKey',
    secret: true,
    required: true,
    description:
      'A Commerce API key (Settings → Developer API keys) with Inventory read/write permission, or an OAuth access token (set by the install flow).',
  },
  {
    name: 'refreshToken',
    secret: true,
    required: false,
    description:
      'OAuth refresh token (set by the install flow); the hub renews the short-lived access token with it. An API key needs none.',
  },
  ...tokenExpiryFields({ access: "Squarespace's access_token_expires_at", refresh: "Squarespace's refresh_token_expires_at" }),
  BASE_URL_FIELD,
];
