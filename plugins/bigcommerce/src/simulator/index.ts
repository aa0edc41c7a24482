/**
 * The BigCommerce sandbox: a small, faithful model of a store's v3 Catalog and Inventory stock APIs for the
 * testkit's simulator framework (real HTTP, auth, rate limit, faults). Decisions: ../../README.md.
 */
import { guardIssuedTokens, isIssuedAccessToken, tokenRoute, variantCatalog } from '@stock-sync/plugin-testkit/simulator';
import type { DefinitionWithOAuth, PlatformSimulatorDefinition, SeedProduct } from '@stock-sync/plugin-testkit/simulator';
import { authenticateBc } from './auth';
import { problemBody } from './errors';
import { bigcommerceOAuthConfig, installRoute, SIM_OAUTH_APP } from './oauth';
import { bcRoutes } from './routes';
import { createSpecValidators, type SpecValidators } from './spec-validators';
import { deliverLevelChange } from './webhooks';
import {
  applyMerchantEdit,
  createBcState,
  DEFAULT_LOCATION,
  levelAt,
  neutralStock,
  type BigcommerceSimState,
  type SimProduct,
  type SimVariant,
  settleAdjustments,
} from './state';

export type { BigcommerceSimState, SimProduct, SimVariant } from './state';
export { SIM_STORE_HASH, MERCHANT_UNLIMITED_COUNT } from './state';
export type { SimHook } from './state';
export { SIM_STORE_ID } from './webhooks';
export { SIM_OAUTH_APP, SIM_APP_SCOPES, bigcommerceOAuthConfig, callbackClaims, signedPayloadJwt, sendUninstallCallback } from './oauth';

/** Obviously fake store-level API token. */
export const SANDBOX_ACCESS_TOKEN = 'bc_test_sandbox_token_0000000000000001';

/** Spec documents are read and compiled once per process: immutable data shared by every run. */
let validators: SpecValidators | undefined;
const specValidators = () => (validators ??= createSpecValidators());

const WINDOW_MS = 30_000;

/** Products listing their variants; a variant names its product (both numbered by the store). */
const catalog = variantCatalog<BigcommerceSimState, SimProduct, SimVariant>({
  variants: 'variants',
  productOf: 'productId',
  variantIds: 'variantIds',
  names: ['variant', 'product'],
  integerIds: { platform: 'BigCommerce' },
});

/** A product whose seeded variants include a count tracks inventory by variant; otherwise it is not tracked. */
function seed(state: BigcommerceSimState, products: SeedProduct[]): void {
  const now = state.clock();
  catalog.seed(state, products, {
    product: (id, sp) => ({
      id,
      name: sp.title ?? `Product ${id}`,
      sku: `P-${id}`,
      price: 20,
      inventoryTracking: sp.variants.some((v) => v.initial?.kind === 'quantity') ? 'variant' : 'none',
      ownInventoryLevel: 0,
      variantIds: [],
      dateModified: now,
    }),
    variant: (id, product, sv) => ({
      id,
      productId: product.id,
      sku: sv.sku ?? `SKU-${id}`,
      purchasingDisabled: false,
      purchasingDisabledMessage: '',
      inventoryLevel: 0,
      inventoryWarningLevel: 0,
      price: null,
    }),
    apply(v, sv) {
      if (sv.sku !== undefined) v.sku = sv.sku;
      applyMerchantEdit(state, v, sv.initial ?? { kind: 'unlimited' });
    },
  });
}

function rateHeaders(remaining: number, capacity: number, refillPerSecond: number): Record<string, string> {
  const resetMs = remaining >= capacity ? 0 : Math.min(WINDOW_MS, Math.ceil(((capacity - remaining) / refillPerSecond) * 1000));
  return {
    'x-rate-limit-requests-left': String(Math.max(0, remaining)),
    'x-rate-limit-requests-quota': String(capacity),
    'x-rate-limit-time-window-ms': String(WINDOW_MS),
    'x-rate-limit-time-reset-ms': String(resetMs),
  };
}

// Standard / Plus plan: 150 requests per 30 s window, modelled as a bucket of 150 refilling 5 per second.
const CAPACITY = 150;
const REFILL = 5;

const variants = catalog.hooks({
  stock: neutralStock,
  edit(state, v, to) {
    const before = levelAt(v, DEFAULT_LOCATION);
    applyMerchantEdit(state, v, to);
    // A count edited in the control panel fires the inventory webhooks (purchasing switches fire none of them).
    deliverLevelChange(state, v, DEFAULT_LOCATION, before, levelAt(v, DEFAULT_LOCATION));
  },
});

const definition: PlatformSimulatorDefinition<BigcommerceSimState> = {
  id: 'bigcommerce',
  displayName: 'BigCommerce',
  createState: createBcState,
  credentials: (baseUrl: string) => ({ baseUrl, storeHash: 'simstore1', accessToken: SANDBOX_ACCESS_TOKEN }),
  seed,
  ...variants,
  inspect(state, ref) {
    // Adjustments due by now land first, as before every answer.
    settleAdjustments(state);
    return variants.inspect(state, ref);
  },
  authenticate: authenticateBc,
  rateLimit: {
    capacity: CAPACITY,
    refillPerSecond: REFILL,
    throttled(_req, retryAfterSeconds) {
      // BigCommerce names the wait in X-Rate-Limit-Time-Reset-Ms (no Retry-After).
      return {
        status: 429,
        headers: {
          ...rateHeaders(0, CAPACITY, REFILL),
          'x-rate-limit-time-reset-ms': String(retryAfterSeconds * 1000),
          'content-type': 'application/problem+json',
        },
        body: problemBody(429, 'Too many requests: the store\u2019s API quota for this window is spent'),
      };
    },
    headers: (remaining, capacity) => rateHeaders(remaining, capacity, REFILL),
  },
  get routes() {
    return bcRoutes(specValidators());
  },
};

const OAUTH_PATHS = new Set(['/oauth2/token']);
const INSTALL = /^\/app\/[^/]+\/install$/;

/**
 * The definition with the install link and the kit's token endpoint (oauth.ts). The OAuth routes carry no
 * X-Auth-Token; an API call with a token the kit issued is checked against its records instead of the static one.
 */
export const simulator: DefinitionWithOAuth<BigcommerceSimState> = {
  ...definition,
  oauthApp: { ...SIM_OAUTH_APP },
  authenticate(req, creds, revoked) {
    if (OAUTH_PATHS.has(req.path) || INSTALL.test(req.path)) return undefined;
    const token = req.headers['x-auth-token'];
    if (token && isIssuedAccessToken(token)) return revoked ? bigcommerceOAuthConfig.refused!(req, 'unknown') : undefined;
    return authenticateBc(req, creds, revoked);
  },
  get routes() {
    // The API routes, each checking a token the kit issued against its records (unknown or revoked → 401).
    const api = guardIssuedTokens(bigcommerceOAuthConfig, definition.routes, bigcommerceOAuthConfig.refused!);
    return [installRoute, tokenRoute(bigcommerceOAuthConfig), ...api];
  },
};

export default simulator;
