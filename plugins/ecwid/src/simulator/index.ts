/**
 * The Ecwid sandbox: a small, faithful model of one store's REST v3 combination stock and batch API
 * for the testkit's simulator framework (real HTTP, auth, rate limit, faults). Decisions: ../../README.md.
 */
import type { VariantRef } from '@stock-sync/plugin-api';
import { seedIntegerId, throttledAnswer, variantHooks, withOAuth } from '@stock-sync/plugin-testkit/simulator';
import type { PlatformSimulatorDefinition, SeedProduct } from '@stock-sync/plugin-testkit/simulator';
import { authenticateEcwid } from './auth';
import { batchRoutes } from './batch';
import { ecwidOAuth } from './oauth';
import { restRoutes } from './routes';
import { createEcwidState, refKey, SANDBOX_STORE_ID, type EcwidSimState, type SimCombination, type SimProduct } from './state';
import { effectiveStock, neutralStock, ownStockFor } from './stock-rules';
import { deliverProductUpdated } from './webhooks';

export type { EcwidSimState, SimProduct, SimCombination, EcwidStoreOptions } from './state';
export { SANDBOX_STORE_ID } from './state';
export { SANDBOX_OAUTH_APP, ecwidOAuth, signedApplicationUninstalled } from './oauth';
export { productUpdatedEvent } from './webhooks';

/** Obviously fake, in the shape of an Ecwid private app token. */
export const SANDBOX_ACCESS_TOKEN = 'secret_test_0000sandbox0000ecwid0000';

function find(state: EcwidSimState, ref: VariantRef): { product: SimProduct; c: SimCombination } | undefined {
  const product = state.products.get(Number(ref.externalProductId));
  const c = /^\d+$/.test(ref.externalVariantId) ? product?.combinations.get(Number(ref.externalVariantId)) : undefined;
  return product && c ? { product, c } : undefined;
}

function seed(state: EcwidSimState, products: SeedProduct[]): void {
  for (const sp of products) {
    const id = seedIntegerId(sp.productId, 'Ecwid product', 18);
    let product = state.products.get(id);
    if (!product) {
      product = {
        id,
        name: sp.title ?? `Product ${id}`,
        sku: `SKU-${id}`,
        stock: { unlimited: true, quantity: 0 },
        combinations: new Map(),
      };
      state.products.set(id, product);
    }
    for (const sv of sp.variants) {
      const cid = seedIntegerId(sv.variantId, 'Ecwid combination', 18);
      const existing = product.combinations.get(cid);
      const c: SimCombination = existing ?? {
        id: cid,
        combinationNumber: product.combinations.size + 1,
        options: [{ name: 'Variant', value: sv.sku ?? String(cid) }],
        own: null,
      };
      if (sv.sku !== undefined) c.sku = sv.sku;
      c.own = ownStockFor(sv.initial ?? { kind: 'unlimited' });
      product.combinations.set(cid, c);
      state.deleted.delete(refKey(id, cid));
    }
  }
}

const apiDefinition: PlatformSimulatorDefinition<EcwidSimState> = {
  id: 'ecwid',
  displayName: 'Ecwid',
  createState: createEcwidState,
  credentials: (baseUrl: string) => ({ baseUrl, storeId: '1003', accessToken: SANDBOX_ACCESS_TOKEN }),
  seed,
  ...variantHooks<EcwidSimState, { product: SimProduct; c: SimCombination }>({
    find,
    stock: (_state, found) => neutralStock(effectiveStock(found.product, found.c)),
    remove(state, found) {
      found.product.combinations.delete(found.c.id);
      state.deleted.add(refKey(found.product.id, found.c.id));
    },
    edit(state, found, to) {
      found.c.own = ownStockFor(to);
      deliverProductUpdated(state, found.product.id);
    },
    names: ['combination', 'product'],
  }),
  setAppNoticeUrl(state, url) {
    state.appNoticeUrl = url;
  },
  authenticate: authenticateEcwid,
  rateLimit: {
    // 600 requests per minute per token: a bucket of 600 refilled at 10/s.
    capacity: 600,
    refillPerSecond: 10,
    throttled: throttledAnswer({ errorMessage: 'Too many requests, rate limit exceeded', errorCode: 'RATE_LIMITED' }),
  },
  routes: [...restRoutes, ...batchRoutes],
};

/** The API with Ecwid's OAuth install mounted (consent, token, issued-token checks). */
export const simulator = withOAuth(apiDefinition, ecwidOAuth(SANDBOX_STORE_ID));

export default simulator;
