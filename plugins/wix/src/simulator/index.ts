/**
 * The Wix sandbox: one simulated site running Catalog V3 (`simulator`, what new sites get) or
 * Catalog V1 (`simulatorV1`), with the catalog versioning probe, both inventory models, auth, rate
 * limit and faults from the testkit framework. Decisions: ../../README.md.
 */
import type { TargetStock, VariantRef } from '@stock-sync/plugin-api';
import type { PlatformSimulatorDefinition, SeedProduct, SimRequest, SimResponse, SimRoute } from '@stock-sync/plugin-testkit/simulator';
import { authenticateWix } from './auth';
import { withWixOAuth } from './oauth';
import { appError } from './errors';
import { createWixState, newId, refKey, type SimCatalogVersion, type V1SimItem, type V3SimItem, type WixSimState } from './state';
import { v1Routes } from './v1-routes';
import { v3Routes } from './v3-routes';
import { deliverV1VariantsChanged, deliverV3ItemUpdated, MERCHANT, v1Values } from './webhooks';

export type { WixSimState, V1SimItem, V3SimItem, SimCatalogVersion, SimNoticeDelivery } from './state';
export { SANDBOX_WIX_USER_ID } from './webhooks';
export { signWixEvent, type WixIdentity } from './webhook-signing';
export {
  SANDBOX_OAUTH_APP,
  SANDBOX_INSTANCE_ID,
  SANDBOX_TENANT_ID,
  INSTALL_PATH,
  removeApp,
  sandboxWebhookKeys,
  signedAppRemoved,
} from './oauth';

/** Obviously fake; the sandbox plays an API key, so a site id goes with it. */
export const SANDBOX_ACCESS_TOKEN = 'IST.test-wix-sandbox-0000-apikey-0000';
export const SANDBOX_SITE_ID = '5ca1ab1e-0000-4000-8000-00000000517e';

/** A merchant turning tracking on for a V1 product gives its in-stock variants this count (sim choice). */
export const V1_MERCHANT_DEFAULT_COUNT = 100;

// ---- V1: tracking per product ------------------------------------------------------------------

function v1Neutral(item: V1SimItem, variantId: string): TargetStock {
  const v = item.variants.get(variantId)!;
  if (item.trackQuantity) return v.quantity > 0 ? { kind: 'quantity', quantity: v.quantity } : { kind: 'out_of_stock' };
  return v.inStock ? { kind: 'unlimited' } : { kind: 'out_of_stock' };
}

/** What a merchant does in the dashboard to make one variant show `to`. */
function v1MerchantEdit(item: V1SimItem, variantId: string, to: TargetStock): void {
  const v = item.variants.get(variantId)!;
  if (to.kind === 'quantity') {
    if (!item.trackQuantity) {
      // Turning "Track inventory" on: every variant needs a count.
      for (const o of item.variants.values()) o.quantity = o.inStock ? V1_MERCHANT_DEFAULT_COUNT : 0;
      item.trackQuantity = true;
    }
    v.quantity = to.quantity;
  } else if (item.trackQuantity && to.kind === 'out_of_stock') {
    v.quantity = 0;
  } else {
    if (item.trackQuantity) {
      // Per-variant "unlimited" does not exist in a tracked V1 product: tracking goes off.
      for (const o of item.variants.values()) o.inStock = o.quantity > 0;
      item.trackQuantity = false;
    }
    v.inStock = to.kind === 'unlimited';
  }
}

// ---- V3: tracking per inventory item ----------------------------------------------------------

function v3Items(state: WixSimState, ref: VariantRef): V3SimItem[] {
  return [...state.v3.values()].filter((i) => i.productId === ref.externalProductId && i.variantId === ref.externalVariantId);
}

function v3Neutral(item: V3SimItem): TargetStock {
  if (item.trackQuantity) return item.quantity > 0 ? { kind: 'quantity', quantity: item.quantity } : { kind: 'out_of_stock' };
  return item.inStock ? { kind: 'unlimited' } : { kind: 'out_of_stock' };
}

function v3MerchantEdit(state: WixSimState, item: V3SimItem, to: TargetStock): void {
  if (to.kind === 'quantity') {
    item.trackQuantity = true;
    item.quantity = to.quantity;
  } else {
    item.trackQuantity = false;
    item.inStock = to.kind === 'unlimited';
  }
  item.revision++;
  item.updatedDate = state.clock();
}

// ---- the definition --------------------------------------------------------------------------

function seed(state: WixSimState, products: SeedProduct[]): void {
  for (const sp of products) {
    if (state.catalogVersion === 'V1_CATALOG') {
      let item = state.v1.get(sp.productId);
      if (!item) {
        const tracked = sp.variants.some((v) => v.initial?.kind === 'quantity');
        item = { id: newId(state), productId: sp.productId, trackQuantity: tracked, variants: new Map(), lastUpdated: state.clock() };
        state.v1.set(sp.productId, item);
      }
      for (const sv of sp.variants) {
        if (!item.variants.has(sv.variantId))
          item.variants.set(sv.variantId, {
            variantId: sv.variantId,
            inStock: true,
            quantity: item.trackQuantity ? V1_MERCHANT_DEFAULT_COUNT : 0,
          });
        v1MerchantEdit(item, sv.variantId, sv.initial ?? { kind: 'unlimited' });
        state.deleted.delete(refKey(sp.productId, sv.variantId));
      }
    } else if (state.catalogVersion === 'V3_CATALOG') {
      for (const sv of sp.variants) {
        let [item] = v3Items(state, { externalProductId: sp.productId, externalVariantId: sv.variantId });
        if (!item) {
          item = {
            id: newId(state),
            productId: sp.productId,
            variantId: sv.variantId,
            locationId: state.defaultLocationId,
            trackQuantity: false,
            quantity: 0,
            inStock: true,
            revision: 1,
            createdDate: state.clock(),
            updatedDate: state.clock(),
          };
          state.v3.set(item.id, item);
        }
        v3MerchantEdit(state, item, sv.initial ?? { kind: 'unlimited' });
        state.deleted.delete(refKey(sp.productId, sv.variantId));
      }
    } else throw new Error('Wix Stores is not installed on this simulated site');
  }
}

function inspect(state: WixSimState, ref: VariantRef): TargetStock | 'deleted' | undefined {
  if (state.catalogVersion === 'V1_CATALOG') {
    const item = state.v1.get(ref.externalProductId);
    if (item?.variants.has(ref.externalVariantId)) return v1Neutral(item, ref.externalVariantId);
  } else {
    const items = v3Items(state, ref);
    const item = items.find((i) => i.locationId === state.defaultLocationId) ?? items[0];
    if (item) return v3Neutral(item);
  }
  return state.deleted.has(refKey(ref.externalProductId, ref.externalVariantId)) ? 'deleted' : undefined;
}

const provisionRoute: SimRoute<WixSimState> = {
  method: 'GET',
  path: '/stores/v3/provision/version',
  handle: (_req, { state }) => ({ status: 200, body: { catalogVersion: state.catalogVersion } }),
};

export function makeWixSimulator(
  catalogVersion: SimCatalogVersion,
): PlatformSimulatorDefinition<WixSimState> & { oauthApp: { clientId: string; clientSecret: string; publicKey: string } } {
  return withWixOAuth({
    id: 'wix',
    displayName: 'Wix',
    createState: () => createWixState(catalogVersion),
    credentials: (baseUrl: string) => ({ baseUrl, accessToken: SANDBOX_ACCESS_TOKEN, siteId: SANDBOX_SITE_ID }),
    seed,
    inspect,
    deleteVariant(state, ref) {
      if (state.catalogVersion === 'V1_CATALOG') {
        const item = state.v1.get(ref.externalProductId);
        if (!item?.variants.delete(ref.externalVariantId)) return;
      } else {
        const items = v3Items(state, ref);
        if (items.length === 0) return;
        for (const i of items) state.v3.delete(i.id);
      }
      state.deleted.add(refKey(ref.externalProductId, ref.externalVariantId));
    },
    manualEdit(state, ref, to) {
      if (state.catalogVersion === 'V1_CATALOG') {
        const item = state.v1.get(ref.externalProductId);
        if (!item?.variants.has(ref.externalVariantId))
          throw new Error(`no variant ${ref.externalVariantId} in product ${ref.externalProductId}`);
        const before = v1Values(item);
        v1MerchantEdit(item, ref.externalVariantId, to);
        item.lastUpdated = state.clock();
        deliverV1VariantsChanged(state, item, before, MERCHANT);
      } else {
        const items = v3Items(state, ref);
        if (items.length === 0)
          throw new Error(`no inventory item for variant ${ref.externalVariantId} of product ${ref.externalProductId}`);
        for (const i of items) {
          v3MerchantEdit(state, i, to);
          deliverV3ItemUpdated(state, i, MERCHANT);
        }
      }
    },
    // The callback URL of the app's inventory webhooks, set in the app dashboard (no API: ../notices/).
    setAppNoticeUrl(state, url) {
      state.appNoticeUrl = url;
    },
    authenticate: authenticateWix,
    rateLimit: {
      // 200 requests per minute per app instance: a bucket of 200 refilled at 200/60 per second.
      capacity: 200,
      refillPerSecond: 200 / 60,
      throttled(_req: SimRequest, retryAfterSeconds: number): SimResponse {
        const res = appError(429, 'TOO_MANY_REQUESTS', 'Rate limit exceeded');
        return { ...res, headers: { 'retry-after': String(retryAfterSeconds) } };
      },
    },
    routes: [provisionRoute, ...v1Routes, ...v3Routes],
  });
}

/** A site on Catalog V3 (the default for new sites). */
export const simulator = makeWixSimulator('V3_CATALOG');
/** A site still on Catalog V1. */
export const simulatorV1 = makeWixSimulator('V1_CATALOG');

export default simulator;

/**
 * Test switch: the site migrates from Catalog V1 to V3 (Wix migrates sites one way only). Every V1
 * variant becomes a V3 inventory item at the default location with the same stock; V1 calls then
 * answer the catalog-mismatch error.
 */
export function migrateToV3(state: WixSimState): void {
  if (state.catalogVersion !== 'V1_CATALOG') throw new Error('only a Catalog V1 site can migrate to V3');
  for (const item of state.v1.values()) {
    for (const v of item.variants.values()) {
      const stock = v1Neutral(item, v.variantId);
      const v3: V3SimItem = {
        id: newId(state),
        productId: item.productId,
        variantId: v.variantId,
        locationId: state.defaultLocationId,
        trackQuantity: false,
        quantity: 0,
        inStock: true,
        revision: 1,
        createdDate: state.clock(),
        updatedDate: state.clock(),
      };
      if (stock) v3MerchantEdit(state, v3, stock);
      state.v3.set(v3.id, v3);
    }
  }
  state.v1.clear();
  state.catalogVersion = 'V3_CATALOG';
}
