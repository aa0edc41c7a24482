/**
 * The Webflow sandbox: a small, faithful model of a site's ecommerce inventory API (Data API v2) for
 * the testkit's simulator framework (real HTTP, auth, rate limit, faults). Decisions: ../../README.md.
 */
import { variantCatalog, withOAuth } from '@stock-sync/plugin-testkit/simulator';
import type { PlatformSimulatorDefinition, SeedProduct } from '@stock-sync/plugin-testkit/simulator';
import { notAuthorized, webflowError } from './errors';
import { applyMerchantEdit, neutralStock } from './inventory-rules';
import { webflowOAuth } from './oauth';
import { webflowRoutes } from './routes';
import { sitesRoute } from './sites';
import { deliverInventoryChanged, webhookRoutes } from './webhooks';
import { createWebflowState, SANDBOX_SITE_ID, type SimProduct, type SimSku, type WebflowSimState } from './state';

export type { WebflowSimState, SimSku, SimProduct, SimCollection, SimWebhook, SimWebhookDelivery } from './state';
export { SANDBOX_SITE_ID, SANDBOX_SKU_COLLECTION_ID } from './state';
export { SANDBOX_OAUTH_APP, webflowOAuth } from './oauth';

/** Obviously fake: the sandbox site's API token. */
export const SANDBOX_ACCESS_TOKEN = 'wf_test_0000000000000000000000000000sandbox00000000000000000000';

/** 120 requests per minute per token on ecommerce plans. */
const PER_MINUTE = 120;

/** Products listing their SKUs; a SKU names its product (Webflow's own object ids). */
const catalog = variantCatalog<WebflowSimState, SimProduct, SimSku>({
  variants: 'skus',
  productOf: 'productId',
  variantIds: 'skuIds',
  names: ['SKU', 'product'],
});

function seed(state: WebflowSimState, products: SeedProduct[]): void {
  const now = state.clock();
  catalog.seed(state, products, {
    product: (id, sp) => ({ id, name: sp.title ?? `Product ${id}`, skuIds: [] }),
    variant: (id, product, sv) => ({
      id,
      productId: product.id,
      name: sv.sku ?? id,
      inventoryType: 'infinite',
      quantity: 0,
      lastUpdated: now,
    }),
    apply: (sku, sv) => applyMerchantEdit(sku, sv.initial ?? { kind: 'unlimited' }, now),
  });
}

const apiDefinition: PlatformSimulatorDefinition<WebflowSimState> = {
  id: 'webflow',
  displayName: 'Webflow',
  createState: createWebflowState,
  // No skuCollectionId: the plugin finds it through List Collections, as a fresh connection would.
  credentials: (baseUrl: string) => ({ siteId: SANDBOX_SITE_ID, accessToken: SANDBOX_ACCESS_TOKEN, baseUrl }),
  seed,
  ...catalog.hooks({
    stock: (_state, sku) => neutralStock(sku),
    edit(state, sku, to) {
      applyMerchantEdit(sku, to, state.clock());
      deliverInventoryChanged(state, sku);
    },
  }),
  authenticate(req, creds, revoked) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    return !m || revoked || m[1] !== creds.accessToken ? notAuthorized() : undefined;
  },
  rateLimit: {
    // A per-minute allowance modelled as a bucket of 120 refilling 2/s.
    capacity: PER_MINUTE,
    refillPerSecond: PER_MINUTE / 60,
    throttled(_req, retryAfterSeconds) {
      return webflowError(429, 'too_many_requests', 'Too many requests', [], {
        'retry-after': String(retryAfterSeconds),
        'x-ratelimit-limit': String(PER_MINUTE),
        'x-ratelimit-remaining': '0',
      });
    },
    headers: (remaining, capacity) => ({
      'x-ratelimit-limit': String(capacity),
      'x-ratelimit-remaining': String(Math.max(0, Math.floor(remaining))),
    }),
  },
  routes: [...webflowRoutes, ...webhookRoutes, sitesRoute],
};

/** The API with Webflow's OAuth install mounted (consent, token, issued-token checks). */
export const simulator = withOAuth(apiDefinition, webflowOAuth);

export default simulator;
