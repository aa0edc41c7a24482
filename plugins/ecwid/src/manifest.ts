/** Ecwid platform facts as data. Every number here has its source in README.md. */
import { defineManifest, BASE_URL_FIELD } from '@stock-sync/plugin-sdk';
import type { CredentialField } from '@stock-sync/plugin-api';

export const DEFAULT_BASE_URL = 'https://app.ecwid.com';

/** "Max amount of API requests for one batch request is 500." (batch requests docs) */
export const ECWID_MAX_BATCH = 500;

/** A batch costs two requests (create + status) and a ticket wait, a direct call one: batches from three calls on. */
export const MIN_SUBREQUESTS_FOR_BATCH = 3;

/** How long the plugin follows a batch ticket before it gives up and reports the rest Transient. */
export const BATCH_DEADLINE_MS = 60_000;

/** Waits between ticket status reads: quick first (small batches finish at once), then backing off. */
export const BATCH_POLL_DELAYS_MS: readonly number[] = [200, 500, 1_000, 2_000, 3_000, 5_000];

export const manifest = defineManifest({
  id: 'ecwid',
  displayName: 'Ecwid',
  capabilities: {
    unlimitedStock: 'native',
    maxBatch: ECWID_MAX_BATCH,
  },
  rateLimit: {
    requestsPerSecond: 8,
    burst: 10,
    note:
      'Ecwid: up to 600 requests per minute per token; over it every request answers 429 with Retry-After: N ' +
      '(https://docs.ecwid.com/api-reference). The hub keeps to 8 req/s, burst 10.',
  },
  docsUrl: 'https://docs.ecwid.com/api-reference/rest-api/products/product-variations/update-product-variation',
});

export const credentialFields: readonly CredentialField[] = [
  {
    name: 'storeId',
    secret: false,
    required: true,
    description: 'The numeric Ecwid store id (Ecwid admin → Settings → General, or the app install callback).',
  },
  {
    name: 'accessToken',
    secret: true,
    required: true,
    description: "The app's access token (secret_…) with the read_catalog and update_catalog scopes.",
  },
  BASE_URL_FIELD,
];
