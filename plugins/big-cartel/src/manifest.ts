/**
 * Big Cartel platform facts as data (API v1, JSON:API). The lowest-confidence platform: what is
 * documented and what is our choice is spelled out in README.md.
 */
import { defineManifest, BASE_URL_FIELD } from '@stock-sync/plugin-sdk';
import type { CredentialField } from '@stock-sync/plugin-api';

export const DEFAULT_BASE_URL = 'https://api.bigcartel.com';

/** JSON:API media type, required in Accept and Content-Type (400/406 without the headers). */
export const JSON_API = 'application/vnd.api+json';

/**
 * Changes the hub hands over per writeStock call. Big Cartel has no batch endpoint: each changed option
 * is its own PATCH, and each product costs a GET before and a GET after (read-back). 100 is our choice.
 */
export const MAX_BATCH = 100;

/**
 * Emulated unlimited: the API documents only an integer `quantity` per option ("the quantity in stock")
 * and no untracked form, so unlimited is written as 999 and read back as unlimited from 900 up.
 */
export const EMULATED_UNLIMITED_QUANTITY = 999;
export const UNLIMITED_READ_THRESHOLD = 900;

export const USER_AGENT = 'StockSyncHub (https://github.com/stock-sync-hub)';

export const manifest = defineManifest({
  id: 'big-cartel',
  displayName: 'Big Cartel',
  capabilities: {
    unlimitedStock: 'emulated',
    maxBatch: MAX_BATCH,
  },
  rateLimit: {
    requestsPerSecond: 2,
    burst: 4,
    note:
      'Big Cartel API v1 documents no rate limit (https://developers.bigcartel.com/api/v1). The hub keeps to an ' +
      'assumed 2 req/s (burst 4) and honours 429 Retry-After if one comes.',
  },
  docsUrl: 'https://developers.bigcartel.com/api/v1',
});

export const credentialFields: readonly CredentialField[] = [
  {
    name: 'accountId',
    secret: false,
    required: true,
    description: 'The numeric account id (GET /v1/accounts returns it).',
  },
  {
    name: 'accessToken',
    secret: true,
    required: false,
    description: 'OAuth access token of an approved Big Cartel app (sent as Bearer). Either this, or subdomain + password.',
  },
  {
    name: 'subdomain',
    secret: false,
    required: false,
    description: 'Store subdomain, for HTTP Basic auth on your own store (with password).',
  },
  {
    name: 'password',
    secret: true,
    required: false,
    description: 'Store admin password, for HTTP Basic auth on your own store (with subdomain).',
  },
  BASE_URL_FIELD,
];
