/** WooCommerce platform facts as data. Every number here has its source in README.md. */
import { defineManifest, BASE_URL_FIELD } from '@stock-sync/plugin-sdk';
import type { CredentialField } from '@stock-sync/plugin-api';

/** REST namespace of every call, appended to the site URL (pretty permalinks required). */
export const API_PREFIX = '/wp-json/wc/v3';

/** Core's default `woocommerce_rest_batch_items_limit` (a site may lower it: README "Batching"), and WordPress's `per_page` cap. */
export const MAX_BATCH_ITEMS = 100;
export const MAX_PER_PAGE = 100;

export const manifest = defineManifest({
  id: 'woocommerce',
  displayName: 'WooCommerce',
  capabilities: {
    // manage_stock:false + stock_status:instock is WooCommerce's own "not tracked, for sale" form.
    unlimitedStock: 'native',
    maxBatch: MAX_BATCH_ITEMS,
  },
  rateLimit: {
    // A conservative budget that a shared host absorbs; each batch call carries 100 changes.
    requestsPerSecond: 4,
    burst: 8,
    note:
      'WooCommerce core does not rate-limit wc/v3 (https://developer.woocommerce.com/docs/apis/rest-api/); ' +
      'host/WAF limits vary, so the hub keeps to 4 req/s (burst 8) and honours 429/503 Retry-After.',
  },
  docsUrl: 'https://woocommerce.github.io/woocommerce-rest-api-docs/#product-variations',
});

export const credentialFields: readonly CredentialField[] = [
  {
    name: 'siteUrl',
    secret: false,
    required: true,
    description: 'The store address, e.g. https://shop.example.com (the REST API lives at /wp-json/wc/v3).',
  },
  {
    name: 'consumerKey',
    secret: true,
    required: true,
    description: 'REST API consumer key (ck_…) with Read/Write permission (WooCommerce → Settings → Advanced → REST API).',
  },
  {
    name: 'consumerSecret',
    secret: true,
    required: true,
    description: 'REST API consumer secret (cs_…) belonging to the consumer key.',
  },
  BASE_URL_FIELD,
];
