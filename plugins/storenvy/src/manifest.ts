/**
 * Storenvy platform facts as data (API v1). Sources in README.md: the envelope, pagination, errors and the
 * JSON-only rule are documented (developers.storenvy.com); the variant paths and fields come from community
 * clients and are marked unverified there.
 */
import { ACCESS_TOKEN_EXPIRES_AT, CONTRACT_VERSION, type CredentialField, type PluginManifest } from '@stock-sync/plugin-sdk';

/** The count written for "unlimited" (no untracked form is known): four digits, a conservative ceiling. */
export const EMULATED_UNLIMITED_QUANTITY = 9_999;

export const manifest: PluginManifest = {
  id: 'storenvy',
  displayName: 'Storenvy',
  contractVersion: CONTRACT_VERSION,
  capabilities: {
    // No untracked / unlimited variant form is known: emulated with a high full_quantity.
    unlimitedStock: 'emulated',
    // One variant per PUT; no batch endpoint is known.
    maxBatch: 1,
    readBack: true,
  },
  rateLimit: {
    // No documented limit (unverified): a cautious 2 req/s, burst 5, honouring 429 Retry-After.
    requestsPerSecond: 2,
    burst: 5,
    note: 'Storenvy documents no rate limit (https://developers.storenvy.com/docs); the hub keeps to 2 req/s (burst 5) and honours 429 Retry-After.',
  },
  docsUrl: 'https://developers.storenvy.com',
};

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
  {
    name: ACCESS_TOKEN_EXPIRES_AT,
    secret: false,
    required: false,
    description: "When the access token expires (ISO 8601), from the token answer's expires_in when Storenvy sends one.",
  },
];
