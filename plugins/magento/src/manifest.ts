/** Magento / Adobe Commerce platform facts as data. Every number here has its source in README.md. */
import { defineManifest, BASE_URL_FIELD } from '@stock-sync/plugin-sdk';
import type { CredentialField } from '@stock-sync/plugin-api';

/** Stock is global in Magento; `default` is the spec's basePath (/rest/default). */
export const DEFAULT_STORE_CODE = 'default';

/** The single-source (and MSI default) source. */
export const DEFAULT_SOURCE_CODE = 'default';

/** Source items per POST /V1/inventory/source-items: no fixed maximum by default; one chunk of the hub's. */
export const MAX_SOURCE_ITEMS = 100;

/** searchCriteria pageSize for the source-item read (Magento caps list pages at 300 with input limits on). */
export const SOURCE_ITEMS_PAGE = 100;

export const manifest = defineManifest({
  id: 'magento',
  displayName: 'Magento (Adobe Commerce)',
  capabilities: {
    // manage_stock:false (use_config_manage_stock:false) is Magento's own "not tracked, always salable" form.
    unlimitedStock: 'native',
    maxBatch: MAX_SOURCE_ITEMS,
  },
  rateLimit: {
    // Chosen (README "Rate limit"): per-SKU stock items make Magento call-heavy; a modest server absorbs this.
    requestsPerSecond: 8,
    burst: 16,
    note:
      'Magento core does not rate-limit catalog/inventory REST calls (https://developer.adobe.com/commerce/webapi/get-started/rate-limiting/); ' +
      'host/WAF limits vary, so the hub keeps to 8 req/s (burst 16) and honours 429 Retry-After.',
  },
  docsUrl: 'https://developer.adobe.com/commerce/webapi/rest/inventory/manage-source-items/',
});

export const credentialFields: readonly CredentialField[] = [
  {
    name: 'siteUrl',
    secret: false,
    required: true,
    description: 'The store address, e.g. https://shop.example.com (REST lives at /rest/<store code>/V1).',
  },
  {
    name: 'accessToken',
    secret: true,
    required: true,
    description:
      'Integration access token (System → Extensions → Integrations) with the Catalog Inventory and Inventory → Sources resources; ' +
      'since 2.4.4 "Allow OAuth Access Tokens to be used as standalone Bearer tokens" must be on (Stores → Configuration → Services → OAuth).',
  },
  { name: 'sourceCode', secret: false, required: false, description: 'The MSI source whose quantities the hub sets (default: "default").' },
  { name: 'storeCode', secret: false, required: false, description: 'Store code in the REST path (default: "default"; stock is global).' },
  BASE_URL_FIELD,
];
