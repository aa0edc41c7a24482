/**
 * The Weebly sandbox: a small, faithful model of the Weebly Platform API store catalog (SKU inventory) for
 * the testkit's simulator framework (real HTTP, auth, rate limit, faults). Decisions: ../../README.md.
 */
import type { TargetStock, VariantRef } from '@stock-sync/plugin-api';
import { variantHooks } from '@stock-sync/plugin-testkit/simulator';
import type { PlatformSimulatorDefinition, SeedProduct } from '@stock-sync/plugin-testkit/simulator';
import { withWeeblyOAuth } from './oauth';
import { weeblyError, weeblyRoutes } from './routes';
import { createWeeblyState, refKey, SIM_SITE_ID, SIM_USER_ID, type SimSku, type WeeblySimState } from './state';

export type { WeeblySimState, SimProduct, SimSku } from './state';
export { SIM_SITE_ID, SIM_USER_ID } from './state';
export { SANDBOX_OAUTH_APP, weeblyOAuth } from './oauth';

export const SANDBOX_ACCESS_TOKEN = 'weebly_test_sandbox_access_token_000000';

function inventoryOf(to: TargetStock): number | null {
  return to.kind === 'unlimited' ? null : to.kind === 'quantity' ? to.quantity : 0;
}

function findSku(state: WeeblySimState, ref: VariantRef): SimSku | undefined {
  return state.products.get(ref.externalProductId)?.skus.get(ref.externalVariantId);
}

function seed(state: WeeblySimState, products: SeedProduct[]): void {
  const now = Math.floor(Date.now() / 1000);
  for (const sp of products) {
    let p = state.products.get(sp.productId);
    if (!p)
      state.products.set(sp.productId, (p = { product_id: sp.productId, name: sp.title ?? `Product ${sp.productId}`, skus: new Map() }));
    for (const sv of sp.variants) {
      const s: SimSku = p.skus.get(sv.variantId) ?? {
        product_sku_id: sv.variantId,
        sku: sv.sku ?? null,
        price: 20,
        sale_price: null,
        inventory: null,
        weight: 1,
        product_type: 'physical',
        created_date: now,
        updated_date: now,
      };
      s.inventory = inventoryOf(sv.initial ?? { kind: 'unlimited' });
      p.skus.set(sv.variantId, s);
      state.deleted.delete(refKey(sp.productId, sv.variantId));
    }
  }
}

const apiDefinition: PlatformSimulatorDefinition<WeeblySimState> = {
  id: 'weebly',
  displayName: 'Weebly',
  createState: createWeeblyState,
  credentials: (baseUrl) => ({ baseUrl, accessToken: SANDBOX_ACCESS_TOKEN, siteId: SIM_SITE_ID }),
  connectInputs: { userId: SIM_USER_ID, siteId: SIM_SITE_ID },
  seed,
  ...variantHooks<WeeblySimState, SimSku>({
    find: findSku,
    stock(_state, s) {
      if (s.inventory === null) return { kind: 'unlimited' };
      return s.inventory <= 0 ? { kind: 'out_of_stock' } : { kind: 'quantity', quantity: s.inventory };
    },
    remove(state, _s, ref) {
      state.products.get(ref.externalProductId)!.skus.delete(ref.externalVariantId);
      state.deleted.add(refKey(ref.externalProductId, ref.externalVariantId));
    },
    edit(_state, s, to) {
      s.inventory = inventoryOf(to);
    },
    names: ['Weebly SKU', 'product'],
  }),
  authenticate(req, creds, revoked) {
    const token = req.headers['x-weebly-access-token'];
    return !token || revoked || token !== creds.accessToken
      ? weeblyError(401, 'Unauthorized: the access token is missing, invalid or revoked.')
      : undefined;
  },
  rateLimit: {
    // Weebly publishes no limit (unverified); a typical API allowance, above the plugin's 4/s.
    capacity: 10,
    refillPerSecond: 5,
    throttled: (_req, retryAfterSeconds) => weeblyError(429, 'Too Many Requests', { 'retry-after': String(retryAfterSeconds) }),
  },
  routes: weeblyRoutes,
};

/** The API with Weebly's app authorization mounted (consent, token, issued-token checks). */
export const simulator = withWeeblyOAuth(apiDefinition);

export default simulator;
