/** Weebly platform facts as data (Platform API v1, store catalog). Every number has its source in README.md. */
import { defineManifest } from '@stock-sync/plugin-sdk';
import type { CredentialField } from '@stock-sync/plugin-api';

export const DEFAULT_BASE_URL = 'https://api.weebly.com';
export const API_PREFIX = '/v1';

/** "Accept application/vnd.weebly.v1+json": the version is requested through the Accept header. */
export const ACCEPT = 'application/vnd.weebly.v1+json';

/** List pages: "Default 25, Max 200". */
export const MAX_PAGE_SIZE = 200;

export const manifest = defineManifest({
  id: 'weebly',
  displayName: 'Weebly',
  capabilities: {
    // `inventory: null` is Weebly's untracked SKU (unverified that PATCH accepts null: README).
    unlimitedStock: 'native',
    // No batch endpoint: one SKU per PATCH.
    maxBatch: 1,
  },
  rateLimit: {
    // Weebly documents no rate limit (unverified); 4 req/s, burst 8, honouring 429 Retry-After.
    requestsPerSecond: 4,
    burst: 8,
    note: 'Weebly Platform API publishes no rate limit (https://dev.weebly.com/pf_apis_about.html); the hub keeps to 4 req/s (burst 8) and honours 429 Retry-After.',
  },
  docsUrl: 'https://dev.weebly.com/pf_api_product_sku.html',
});

export const credentialFields: readonly CredentialField[] = [
  {
    name: 'accessToken',
    secret: true,
    required: true,
    description:
      'Weebly OAuth access token (X-Weebly-Access-Token) with read:store-catalog and write:store-catalog; tokens are per user and site.',
  },
  { name: 'siteId', secret: false, required: true, description: 'The Weebly site id the token was issued for (numeric).' },
];
