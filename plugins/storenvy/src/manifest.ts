/** Storenvy platform facts as data (API v1); sources, and which are unverified, in README.md. */
import { defineManifest, tokenExpiryFields } from '@stock-sync/plugin-sdk';
import type { CredentialField } from '@stock-sync/plugin-api';

/** The count written for "unlimited" (no untracked form is known): four digits, a conservative ceiling. */
export const EMULATED_UNLIMITED_QUANTITY = 9_999;

export const manifest = defineManifest({
  id: 'storenvy',
  displayName: 'Storenvy',
  capabilities: {
    // No untracked / unlimited variant form is known: emulated with a high full_quantity.
    unlimitedStock: 'emulated',
    // One variant per PUT; no batch endpoint is known.
    maxBatch: 1,
  },
  rateLimit: {
    // No documented limit (unverified): a cautious 2 req/s, burst 5, honouring 429 Retry-After.
    requestsPerSecond: 2,
    burst: 5,
    note: 'Storenvy documents no rate limit (https://developers.storenvy.com/docs); the hub keeps to 2 req/s (burst 5) and honours 429 Retry-After.',
  },
  docsUrl: 'https://developers.storenvy.com',
});

export const credentialFields: readonly CredentialField[] = [
  {
    name: 'accessToken',
    secret: true,
    required: true,
    description: 'Storenvy OAuth 2.0 access token of the store owner (scopes store_read store_write), sent as access_token.',
  },
  {
    name: 'refreshToken',
    secret: true,
    required: false,
    description: 'The refresh token of the OAuth install, when Storenvy issued one (used by the refresh grant).',
  },
  ...tokenExpiryFields({ access: "not documented: the token answer's expires_in, when Storenvy sends one" }),
];
