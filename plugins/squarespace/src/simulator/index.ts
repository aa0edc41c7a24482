/**
 * The Squarespace sandbox: a small model of one site's Commerce Inventory API 1.0 for the testkit's
 * simulator framework (real HTTP, auth, rate limit, faults). Decisions: ../../README.md.
 */
import type { TargetStock, VariantRef } from '@stock-sync/plugin-api';
import { throttledAnswer, variantHooks, withOAuth } from '@stock-sync/plugin-testkit/simulator';
import type { DefinitionWithOAuth, PlatformSimulatorDefinition, SeedProduct } from '@stock-sync/plugin-testkit/simulator';
import { authenticateSquarespace } from './auth';
import { errorBody, sqspError } from './errors';
import { squarespaceOAuthConfig, websiteRoute } from './oauth';
import { squarespaceRoutes } from './routes';
import { createSquarespaceState, type SimInventoryItem, type SquarespaceSimState } from './state';

export type { SquarespaceSimState, SimInventoryItem, SquarespaceStoreOptions } from './state';
export { SIM_OAUTH_APP, SIM_WEBSITE, squarespaceOAuthConfig } from './oauth';

/** Obviously fake. */
export const SANDBOX_API_KEY = 'sqsp_test_0000sandbox0000inventory0000';

function setNeutral(item: SimInventoryItem, to: TargetStock): void {
  item.isUnlimited = to.kind === 'unlimited';
  item.quantity = to.kind === 'quantity' ? to.quantity : 0;
}

function find(state: SquarespaceSimState, ref: VariantRef): SimInventoryItem | undefined {
  const item = state.items.get(ref.externalVariantId);
  return item && item.productId === ref.externalProductId ? item : undefined;
}

function seed(state: SquarespaceSimState, products: SeedProduct[]): void {
  for (const sp of products) {
    const product = state.products.get(sp.productId) ?? { id: sp.productId, name: sp.title ?? `Product ${sp.productId}`, variantIds: [] };
    state.products.set(sp.productId, product);
    for (const sv of sp.variants) {
      let item = state.items.get(sv.variantId);
      if (item && item.productId !== sp.productId) throw new Error(`variant ${sv.variantId} already belongs to product ${item.productId}`);
      if (!item) {
        item = {
          variantId: sv.variantId,
          productId: sp.productId,
          sku: sv.sku ?? null,
          descriptor: `${product.name} [${sv.sku ?? sv.variantId}]`,
          isUnlimited: true,
          quantity: 0,
        };
        state.items.set(sv.variantId, item);
        product.variantIds.push(sv.variantId);
      }
      if (sv.sku !== undefined) item.sku = sv.sku;
      setNeutral(item, sv.initial ?? { kind: 'unlimited' });
      state.deleted.delete(sv.variantId);
    }
  }
}

const definition: PlatformSimulatorDefinition<SquarespaceSimState> = {
  id: 'squarespace',
  displayName: 'Squarespace',
  createState: createSquarespaceState,
  credentials: (baseUrl: string) => ({ baseUrl, apiKey: SANDBOX_API_KEY }),
  seed,
  ...variantHooks<SquarespaceSimState, SimInventoryItem>({
    find,
    stock(_state, item) {
      if (item.isUnlimited) return { kind: 'unlimited' };
      return item.quantity > 0 ? { kind: 'quantity', quantity: item.quantity } : { kind: 'out_of_stock' };
    },
    remove(state, item) {
      state.items.delete(item.variantId);
      const product = state.products.get(item.productId);
      if (product) product.variantIds = product.variantIds.filter((v) => v !== item.variantId);
      state.deleted.add(item.variantId);
    },
    edit: (_state, item, to) => setNeutral(item, to),
    names: ['variant', 'product'],
    // Squarespace's variant ids are the site's own: a tombstone is the variant id alone.
    wasDeleted: (state, ref) => state.deleted.has(ref.externalVariantId),
  }),
  authenticate: authenticateSquarespace,
  rateLimit: {
    // 300 requests per minute: a bucket of 300 refilled at 5/s.
    capacity: 300,
    refillPerSecond: 5,
    throttled: throttledAnswer(errorBody(undefined, 'RATE_LIMIT_EXCEEDED', null, 'Rate limit exceeded. Please wait before retrying.')),
  },
  routes: [...squarespaceRoutes, websiteRoute],
};

const mounted = withOAuth(definition, squarespaceOAuthConfig);
const OAUTH_PATHS = new Set([squarespaceOAuthConfig.authorizePath, squarespaceOAuthConfig.tokenPath]);

/**
 * The definition with the testkit's OAuth kit. Every Commerce API call still needs a User-Agent, whoever issued
 * its token (the kit checks its own tokens, bypassing the API key check that also asks for one).
 */
export const simulator: DefinitionWithOAuth<SquarespaceSimState> = {
  ...mounted,
  authenticate(req, creds, revoked) {
    if (!OAUTH_PATHS.has(req.path) && !req.headers['user-agent']) {
      return sqspError(undefined, 400, 'INVALID_REQUEST_ERROR', 'MISSING_ARGUMENT', 'A User-Agent header is required.');
    }
    return mounted.authenticate(req, creds, revoked);
  },
};

export default simulator;
