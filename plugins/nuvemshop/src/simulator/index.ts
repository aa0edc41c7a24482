/**
 * The Nuvemshop / Tiendanube sandbox: a small, faithful model of a store's variant stock API for the
 * testkit's simulator framework (real HTTP, auth, rate limit, faults). Decisions: ../../README.md.
 */
import { variantCatalog } from '@stock-sync/plugin-testkit/simulator';
import type { PlatformSimulatorDefinition, SeedProduct } from '@stock-sync/plugin-testkit/simulator';
import { authenticateNuvemshop } from './auth';
import { nuvemError } from './errors';
import { withNuvemshopOAuth } from './oauth';
import { addVariant, nuvemshopRoutes } from './routes';
import { createNuvemState, SANDBOX_STORE_ID, type NuvemSimState, type SimProduct, type SimVariant } from './state';
import { applyMerchantEdit, neutralStock } from './stock-rules';
import { webhookRoutes } from './webhook-routes';
import { deliverProductUpdated } from './webhooks';

export type { NuvemSimState, SimVariant, SimProduct } from './state';
export { SANDBOX_OAUTH_APP, nuvemshopOAuth, signedAppUninstalled } from './oauth';

export { SANDBOX_STORE_ID } from './state';
export { productUpdatedNotice } from './webhooks';
/** Obviously fake: the token the sandbox hands out. */
export const SANDBOX_ACCESS_TOKEN = 'nuvem_test_0000000000000000sandbox00000000';

/** The documented bucket: 40 requests, leaking 2 per second. */
const BUCKET = 40;
const LEAK_PER_SECOND = 2;

/** Products listing their variants; a variant names its product (both numbered by the platform). */
const catalog = variantCatalog<NuvemSimState, SimProduct, SimVariant>({
  variants: 'variants',
  productOf: 'productId',
  variantIds: 'variantIds',
  names: ['variant', 'product'],
  integerIds: { platform: 'Nuvemshop' },
});

function seed(state: NuvemSimState, products: SeedProduct[]): void {
  const now = state.clock();
  catalog.seed(state, products, {
    product: (id, sp) => ({ id, name: sp.title ?? `Product ${id}`, variantIds: [] }),
    variant: (id, product, sv) => ({
      id,
      productId: product.id,
      position: product.variantIds.length + 1,
      sku: sv.sku ?? null,
      price: '10.00',
      stockManagement: false,
      stock: null,
      values: [{ es: `Variante ${id}` }],
      createdAt: now,
      updatedAt: now,
    }),
    // The platform's cap on variants per product holds for seeds too.
    add: (v, product) => addVariant(state, product, v),
    apply(v, sv) {
      if (sv.sku !== undefined) v.sku = sv.sku;
      applyMerchantEdit(v, sv.initial ?? { kind: 'unlimited' }, now);
    },
  });
}

/** `x-rate-limit-*` (README "Rate limiting"): limit = bucket size, remaining = room left, reset = ms to drain. */
function rateHeaders(remaining: number, capacity: number): Record<string, string> {
  const left = Math.max(0, Math.floor(remaining));
  return {
    'x-rate-limit-limit': String(capacity),
    'x-rate-limit-remaining': String(left),
    'x-rate-limit-reset': String(Math.ceil(((capacity - left) / LEAK_PER_SECOND) * 1000)),
  };
}

const apiDefinition: PlatformSimulatorDefinition<NuvemSimState> = {
  id: 'nuvemshop',
  displayName: 'Nuvemshop / Tiendanube',
  createState: createNuvemState,
  credentials: (baseUrl: string) => ({
    storeId: SANDBOX_STORE_ID,
    accessToken: SANDBOX_ACCESS_TOKEN,
    contact: 'sandbox@example.com',
    baseUrl,
  }),
  seed,
  ...catalog.hooks({
    stock: (_state, v) => neutralStock(v),
    edit(state, v, to) {
      applyMerchantEdit(v, to, state.clock());
      deliverProductUpdated(state, v.productId);
    },
  }),
  authenticate: authenticateNuvemshop,
  rateLimit: {
    capacity: BUCKET,
    refillPerSecond: LEAK_PER_SECOND,
    throttled(_req, retryAfterSeconds) {
      // No Retry-After is documented: the wait is told by x-rate-limit-reset (ms until the bucket drains).
      return nuvemError(
        429,
        'Too many requests',
        {},
        {
          'x-rate-limit-limit': String(BUCKET),
          'x-rate-limit-remaining': '0',
          'x-rate-limit-reset': String(retryAfterSeconds * 1000),
        },
      );
    },
    headers: rateHeaders,
  },
  routes: [...nuvemshopRoutes, ...webhookRoutes],
};

/** The API with the app install mounted (consent, token, issued-token checks). */
export const simulator = withNuvemshopOAuth(apiDefinition, SANDBOX_STORE_ID);

export default simulator;
