/** Nuvemshop / Tiendanube platform facts as data. Every number here has its source in README.md. */
import { defineManifest, BASE_URL_FIELD } from '@stock-sync/plugin-sdk';
import type { CredentialField } from '@stock-sync/plugin-api';

/** api.nuvemshop.com.br serves the same API for Brazilian stores; the legacy docs call the dated version `v1`. */
export const DEFAULT_API_HOST = 'https://api.tiendanube.com';
export const API_VERSION = '2025-03';

/** Our choice: no per-call cap is documented; 200 is the lists' `per_page` cap (README.md "Batching"). */
export const MAX_BATCH = 200;
export const MAX_PER_PAGE = 200;

export const manifest = defineManifest({
  id: 'nuvemshop',
  displayName: 'Nuvemshop / Tiendanube',
  capabilities: {
    // `stock: null` (stock_management false) is the platform's own "infinite stock" form.
    unlimitedStock: 'native',
    maxBatch: MAX_BATCH,
  },
  rateLimit: {
    // 5 of the 40 kept as headroom for clock skew between our bucket and theirs.
    requestsPerSecond: 2,
    burst: 35,
    note:
      'Nuvemshop/Tiendanube: leaky bucket of 40 requests per store+app draining at 2 req/s (x10 on Next/Evolution plans), ' +
      '429 with x-rate-limit-limit/-remaining/-reset (github.com/TiendaNube/api-docs README.md, "Rate limiting"). ' +
      'The hub keeps to 2 req/s, burst 35.',
    // Any answer (errors too) with x-rate-limit-remaining 0: the bucket is full; hold off one leak (500 ms at 2/s).
    signals: [{ remaining: 'x-rate-limit-remaining', pause: { ms: 500 }, onErrors: true }],
  },
  docsUrl: 'https://tiendanube.github.io/api-documentation/resources/product-variant',
});

export const credentialFields: readonly CredentialField[] = [
  {
    name: 'storeId',
    secret: false,
    required: true,
    description: 'The store id (`user_id` returned with the access token when the app was installed).',
  },
  {
    name: 'accessToken',
    secret: true,
    required: true,
    description: "The app's access token for this store (OAuth install; does not expire). Needs read_products and write_products.",
  },
  {
    name: 'contact',
    secret: false,
    required: false,
    description: 'Contact e-mail or URL put in the User-Agent the platform requires, e.g. "ops@example.com".',
  },
  {
    name: 'locationId',
    secret: false,
    required: false,
    description:
      'Multi-inventory stores only: the location (GET /locations "id", e.g. 01GQ2ZHK064BQRHGDB7CCV0Y6N) whose stock the hub sets. ' +
      'Required when the store has several locations; leave empty otherwise.',
  },
  BASE_URL_FIELD,
];
