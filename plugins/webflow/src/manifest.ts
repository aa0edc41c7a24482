/** Webflow platform facts as data (Data API v2, ecommerce inventory). Sources in README.md. */
import { defineManifest, BASE_URL_FIELD } from '@stock-sync/plugin-sdk';
import type { CredentialField } from '@stock-sync/plugin-api';

export const manifest = defineManifest({
  id: 'webflow',
  displayName: 'Webflow',
  capabilities: {
    // inventoryType "infinite" is Webflow's own untracked form (the default for new products).
    unlimitedStock: 'native',
    // The inventory endpoint takes one SKU per call; Webflow has no inventory batch endpoint.
    maxBatch: 1,
  },
  rateLimit: {
    // 120/min on the plans that can sell (60 on Starter/Basic, which cannot): 1.8/s, burst 10 stays under 120 in any 60 s (10 + 108).
    requestsPerSecond: 1.8,
    burst: 10,
    note:
      'Webflow Data API v2: 60 req/min (Starter, Basic) or 120 req/min (CMS, eCommerce, Business) per token; 429 with ' +
      'Retry-After (~60 s) and X-RateLimit-Remaining/-Limit (https://developers.webflow.com/data/v2.0.0/reference/rate-limits). ' +
      'The hub keeps to 1.8 req/s, burst 10.',
    // X-RateLimit-Remaining 0 on a success holds the store's requests; no reset time is documented: a second lets the window move.
    signals: [{ remaining: 'X-RateLimit-Remaining', pause: { ms: 1_000 } }],
  },
  docsUrl: 'https://developers.webflow.com/data/reference/ecommerce/inventory/update',
});

export const credentialFields: readonly CredentialField[] = [
  {
    name: 'siteId',
    secret: false,
    required: true,
    description: 'The Webflow site id (Site settings → General, or List Sites).',
  },
  {
    name: 'accessToken',
    secret: true,
    required: true,
    description:
      'A site API token or OAuth app token with ecommerce:read and ecommerce:write (and cms:read unless skuCollectionId is given).',
  },
  {
    name: 'skuCollectionId',
    secret: false,
    required: false,
    description: "The site's SKU collection id. When absent it is looked up once per connection with List Collections (needs cms:read).",
  },
  BASE_URL_FIELD,
];
