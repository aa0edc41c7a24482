/**
 * The WooCommerce sandbox: a small, faithful model of a store's wc/v3 variation stock API for the
 * testkit's simulator framework (real HTTP, auth, rate limit, faults). Decisions: ../../README.md.
 */
import { throttledAnswer, variantCatalog } from '@stock-sync/plugin-testkit/simulator';
import type { PlatformSimulatorDefinition, SeedProduct, SimRoute } from '@stock-sync/plugin-testkit/simulator';
import { authenticateWoo, notAllowed, presentedCredentials } from './auth';
import { AUTHORIZE_PATH, checkIssuedKey, isIssuedConsumerKey, wcAuthRoute } from './wc-auth';
import { deleteVariation, wooRoutes } from './routes';
import { createWooState, type SimProduct, type SimVariation, type WooSimState } from './state';
import { applyMerchantEdit, neutralStock } from './stock-rules';
import { wpErrorBody } from './wp-errors';
import { deliverProductUpdated, webhookRoutes } from './webhooks';

export type { WooSimState, SimVariation, SimProduct, WooStoreOptions } from './state';
export { issuedKeysOf, revokeIssuedKeys, AUTHORIZE_PATH, type IssuedKey } from './wc-auth';
export { deliverProductUpdated, variationAsProductJson, webhookJson } from './webhooks';
export type { SimWebhook, SimDelivery } from './state';

/** Obviously fake keys in WooCommerce's ck_/cs_ format. */
export const SANDBOX_CONSUMER_KEY = 'ck_test_00000000sandbox0000000000woocommerce';
export const SANDBOX_CONSUMER_SECRET = 'cs_test_00000000sandbox0000000000woocommerce';

/** Products listing their variations; a variation names its parent (wc/v3 numbers both). */
const catalog = variantCatalog<WooSimState, SimProduct, SimVariation>({
  variants: 'variations',
  productOf: 'parentId',
  variantIds: 'variationIds',
  names: ['variation', 'product'],
  integerIds: { platform: 'WooCommerce' },
});

function seed(state: WooSimState, products: SeedProduct[]): void {
  const now = state.clock();
  catalog.seed(state, products, {
    product: (id, sp) => ({
      id,
      name: sp.title ?? `Product ${id}`,
      manageStock: false,
      stockQuantity: null,
      stockStatus: 'instock',
      backorders: 'no',
      variationIds: [],
      dateModified: now,
    }),
    variant: (id, product, sv) => ({
      id,
      parentId: product.id,
      sku: sv.sku ?? '',
      status: 'publish',
      manageStock: false,
      stockQuantity: null,
      stockStatus: 'instock',
      backorders: 'no',
      lowStockAmount: null,
      dateModified: now,
    }),
    apply(v, sv) {
      if (sv.sku !== undefined) v.sku = sv.sku;
      applyMerchantEdit(state, v, sv.initial ?? { kind: 'unlimited' });
    },
  });
}

/**
 * WooCommerce registers no app: the store issues keys to whoever its owner approves. The sandbox "app" only
 * satisfies the hub's per-platform configuration (test values, never sent anywhere).
 */
export const SIM_OAUTH_APP = Object.freeze({
  clientId: 'woocommerce-registers-no-app',
  clientSecret: 'woocommerce-registers-no-app-secret',
});

export const simulator: PlatformSimulatorDefinition<WooSimState> & { oauthApp: { clientId: string; clientSecret: string } } = {
  oauthApp: { ...SIM_OAUTH_APP },
  id: 'woocommerce',
  displayName: 'WooCommerce',
  createState: createWooState,
  credentials: (baseUrl: string) => ({
    // The simulated site lives at the simulator's own URL.
    siteUrl: baseUrl,
    consumerKey: SANDBOX_CONSUMER_KEY,
    consumerSecret: SANDBOX_CONSUMER_SECRET,
    baseUrl,
  }),
  seed,
  ...catalog.hooks({
    stock: neutralStock,
    remove: deleteVariation,
    edit(state, v, to) {
      applyMerchantEdit(state, v, to);
      // WooCommerce delivers product.updated on every variation save (woocommerce_update_product_variation).
      deliverProductUpdated(state, v);
    },
  }),
  authenticate: (req, creds, revoked) => (req.path === AUTHORIZE_PATH ? undefined : authenticateWoo(req, creds, revoked)),
  rateLimit: {
    // Core has no limit; this models a typical host/WAF allowance (~300 requests/min, bursts of 25)
    // so the plugin's 4 req/s budget never trips it unless a fault is injected.
    capacity: 25,
    refillPerSecond: 5,
    // The shape WooCommerce's own limiter (Store API RateLimits) answers with.
    throttled: throttledAnswer(wpErrorBody('rate_limit_exceeded', 'Too many requests. Please wait and try again.', 429)),
  },
  routes: [wcAuthRoute, ...[...wooRoutes, ...webhookRoutes].map(withIssuedKeys)],
};

/** A wc/v3 route that checks a key the store issued through /wc-auth against the store's records first. */
function withIssuedKeys(route: SimRoute<WooSimState>): SimRoute<WooSimState> {
  return {
    ...route,
    handle(req, ctx) {
      const presented = presentedCredentials(req);
      if (presented && isIssuedConsumerKey(presented.key)) {
        const refused = checkIssuedKey(req, ctx.state, presented.key, presented.secret, notAllowed);
        if (refused) return refused;
      }
      return route.handle(req, ctx);
    },
  };
}

export default simulator;
