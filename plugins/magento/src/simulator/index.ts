/**
 * The Magento sandbox: a small, faithful model of a store's legacy stock items and MSI source items for the
 * testkit's simulator framework (real HTTP, auth, rate limit, faults). Decisions: ../../README.md.
 */
import type { TargetStock, VariantRef } from '@stock-sync/plugin-api';
import { throttledAnswer } from '@stock-sync/plugin-testkit/simulator';
import type { PlatformSimulatorDefinition, SeedProduct } from '@stock-sync/plugin-testkit/simulator';
import { authenticateMagento } from './auth';
import { magentoRoutes } from './routes';
import { createSpecValidators, type SpecValidators } from './spec-validators';
import {
  applyMerchantEdit,
  createMagentoState,
  findChild,
  neutralStock,
  newStockItem,
  refKey,
  sourceKey,
  type MagentoSimState,
} from './state';

export type { MagentoSimState, SimProduct, SimStockItem } from './state';
export { DEFAULT_SOURCE } from './state';

/** Obviously fake integration access token. */
export const SANDBOX_ACCESS_TOKEN = 'mage_test_sandbox_integration_token_0001';

/** The ~1 MB YAML schema is read and compiled once per process: immutable data shared by every run. */
let validators: SpecValidators | undefined;
const specValidators = () => (validators ??= createSpecValidators());

function seed(state: MagentoSimState, products: SeedProduct[]): void {
  for (const sp of products) {
    let parent = state.products.get(sp.productId);
    if (!parent) {
      parent = { id: state.nextId++, sku: sp.productId, typeId: 'configurable', childSkus: [] };
      state.products.set(parent.sku, parent);
      state.stockItems.set(parent.sku, { ...newStockItem(parent.id), is_in_stock: true });
    }
    for (const sv of sp.variants) {
      const existing = state.products.get(sv.variantId);
      if (existing && existing.parentSku !== parent.sku)
        throw new Error(`SKU ${sv.variantId} already belongs to ${existing.parentSku ?? 'no parent'}`);
      if (!existing) {
        const child = { id: state.nextId++, sku: sv.variantId, typeId: 'simple' as const, parentSku: parent.sku, childSkus: [] };
        state.products.set(child.sku, child);
        state.stockItems.set(child.sku, newStockItem(child.id));
        parent.childSkus.push(child.sku);
      }
      state.deleted.delete(refKey(parent.sku, sv.variantId));
      applyMerchantEdit(state, sv.variantId, sv.initial ?? { kind: 'unlimited' });
    }
  }
}

export const simulator: PlatformSimulatorDefinition<MagentoSimState> = {
  id: 'magento',
  displayName: 'Magento (Adobe Commerce)',
  createState: createMagentoState,
  // The simulated store lives at the simulator's own URL.
  credentials: (baseUrl: string) => ({ baseUrl, siteUrl: baseUrl, accessToken: SANDBOX_ACCESS_TOKEN }),
  seed,
  inspect(state: MagentoSimState, ref: VariantRef): TargetStock | 'deleted' | undefined {
    const child = findChild(state, ref);
    if (child) return neutralStock(state, child.sku);
    return state.deleted.has(refKey(ref.externalProductId, ref.externalVariantId)) ? 'deleted' : undefined;
  },
  deleteVariant(state: MagentoSimState, ref: VariantRef): void {
    const child = findChild(state, ref);
    if (!child) return;
    state.products.delete(child.sku);
    state.stockItems.delete(child.sku);
    for (const source of state.sources) state.sourceItems.delete(sourceKey(child.sku, source));
    const parent = state.products.get(ref.externalProductId);
    if (parent) parent.childSkus = parent.childSkus.filter((s) => s !== child.sku);
    state.deleted.add(refKey(ref.externalProductId, child.sku));
  },
  manualEdit(state: MagentoSimState, ref: VariantRef, to: TargetStock): void {
    const child = findChild(state, ref);
    if (!child) throw new Error(`no child SKU ${ref.externalVariantId} under ${ref.externalProductId}`);
    applyMerchantEdit(state, child.sku, to);
  },
  authenticate: authenticateMagento,
  rateLimit: {
    // Core has none; this models a host/WAF allowance (bursts of 30, 10/s) the plugin's 4 req/s never trips.
    capacity: 30,
    refillPerSecond: 10,
    // Core's backpressure answer body; the Retry-After a host limiter sends with it.
    throttled: throttledAnswer({ message: 'Too Many Requests' }),
  },
  get routes() {
    return magentoRoutes(specValidators());
  },
};

export default simulator;
