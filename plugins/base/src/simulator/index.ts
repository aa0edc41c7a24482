/**
 * The BASE sandbox: a small, faithful model of BASE API v1 item stock for the testkit's simulator
 * framework (real HTTP, auth, rate limit, faults). Decisions: ../../README.md.
 */
import type { TargetStock, VariantRef } from '@stock-sync/plugin-api';
import { seedIntegerId, variantHooks } from '@stock-sync/plugin-testkit/simulator';
import type { PlatformSimulatorDefinition, SeedProduct } from '@stock-sync/plugin-testkit/simulator';
import { HOURLY_CALLS } from '../manifest';
import { EMULATED_UNLIMITED_STOCK, UNLIMITED_READ_THRESHOLD } from '../stock-mapping';
import { ERRORS } from './errors';
import { withBaseOAuth } from './oauth';
import { baseRoutes } from './routes';
import { createBaseState, deriveStock, refKey, type BaseSimState, type SimItem } from './state';

export type { BaseSimState, SimItem, SimVariation } from './state';
export { SANDBOX_OAUTH_APP, OAUTH_AUTHORIZE_PATH, baseTokenError } from './oauth';

export const SANDBOX_ACCESS_TOKEN = 'base_test_sandbox_access_token_0000000000';

function countFor(to: TargetStock): number {
  return to.kind === 'unlimited' ? EMULATED_UNLIMITED_STOCK : to.kind === 'quantity' ? to.quantity : 0;
}

function neutral(n: number): TargetStock {
  if (n <= 0) return { kind: 'out_of_stock' };
  return n >= UNLIMITED_READ_THRESHOLD ? { kind: 'unlimited' } : { kind: 'quantity', quantity: n };
}

/** The item and, for a variation ref, the variation (variant id = item id: the item's own stock). */
function find(state: BaseSimState, ref: VariantRef): { item: SimItem; variationId?: number } | undefined {
  if (!/^\d+$/.test(ref.externalProductId) || !/^\d+$/.test(ref.externalVariantId)) return undefined;
  const item = state.items.get(Number(ref.externalProductId));
  if (!item) return undefined;
  if (ref.externalVariantId === ref.externalProductId) return item.variations.length === 0 ? { item } : undefined;
  const vid = Number(ref.externalVariantId);
  return item.variations.some((v) => v.variation_id === vid) ? { item, variationId: vid } : undefined;
}

function setCount(found: { item: SimItem; variationId?: number }, n: number): void {
  if (found.variationId === undefined) found.item.stock = n;
  else found.item.variations.find((v) => v.variation_id === found.variationId)!.variation_stock = n;
  deriveStock(found.item);
}

function seed(state: BaseSimState, products: SeedProduct[]): void {
  for (const sp of products) {
    const itemId = seedIntegerId(sp.productId, 'BASE item');
    let item = state.items.get(itemId);
    if (!item) {
      item = {
        item_id: itemId,
        title: sp.title ?? `Item ${itemId}`,
        stock: 0,
        visible: 1,
        identifier: null,
        modified: Math.floor(Date.now() / 1000),
        variations: [],
        kind: 'normal',
      };
      state.items.set(itemId, item);
    }
    for (const sv of sp.variants) {
      const n = countFor(sv.initial ?? { kind: 'unlimited' });
      state.deleted.delete(refKey(sp.productId, sv.variantId));
      if (sv.variantId === sp.productId) {
        item.stock = n; // an item without variations
        continue;
      }
      const vid = seedIntegerId(sv.variantId, 'BASE variation');
      const existing = item.variations.find((v) => v.variation_id === vid);
      if (existing) existing.variation_stock = n;
      else
        item.variations.push({
          variation_id: vid,
          variation: sv.sku ?? `Variation ${vid}`,
          variation_stock: n,
          variation_identifier: sv.sku ?? null,
        });
    }
    deriveStock(item);
  }
}

const apiSimulator: PlatformSimulatorDefinition<BaseSimState> = {
  id: 'base',
  displayName: 'BASE (thebase.in)',
  createState: createBaseState,
  credentials: (baseUrl: string) => ({ baseUrl, accessToken: SANDBOX_ACCESS_TOKEN }),
  seed,
  ...variantHooks<BaseSimState, { item: SimItem; variationId?: number }>({
    find,
    stock(_state, found) {
      const n =
        found.variationId === undefined
          ? found.item.stock
          : found.item.variations.find((v) => v.variation_id === found.variationId)!.variation_stock;
      return neutral(n);
    },
    remove(state, found, ref) {
      if (found.variationId === undefined) state.items.delete(found.item.item_id);
      else {
        found.item.variations = found.item.variations.filter((v) => v.variation_id !== found.variationId);
        deriveStock(found.item);
      }
      state.deleted.add(refKey(ref.externalProductId, ref.externalVariantId));
    },
    edit: (_state, found, to) => setCount(found, countFor(to)),
    names: ['BASE variation', 'item'],
  }),
  authenticate(req, creds, revoked) {
    // "Authorization: Bearer {Access_Token}"; a bad token is HTTP 400 invalid_request like every BASE error.
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    return !m || revoked || m[1] !== creds.accessToken ? ERRORS.invalidToken() : undefined;
  },
  rateLimit: {
    // 5,000 calls an hour per user (the daily 100,000 is not modelled separately).
    capacity: HOURLY_CALLS,
    refillPerSecond: HOURLY_CALLS / 3600,
    throttled(_req, retryAfterSeconds) {
      // BASE's documented body. BASE documents no Retry-After; the sandbox adds one so a test's injected
      // throttle is short (README: rate limits) — the plugin honours it when present, else waits for the hour.
      return ERRORS.hourLimit({ 'retry-after': String(retryAfterSeconds) });
    },
  },
  routes: baseRoutes,
};

/** The shop's API plus BASE's OAuth endpoints (consent, token), so the sandbox connects a shop by its install flow. */
export const simulator = withBaseOAuth(apiSimulator);

export default simulator;
