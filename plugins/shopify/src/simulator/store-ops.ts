/**
 * The simulator's non-API operations on the shop: seeding, the neutral inspection view, a merchant's
 * manual edit and deletion. The neutral view is written here independently of the plugin's
 * mapping.ts on purpose, from Shopify's derived fields (inventoryQuantity, availableForSale), so a
 * bug in the plugin's reading cannot hide itself.
 */
import type { TargetStock, VariantRef } from '@stock-sync/plugin-api';
import type { SeedProduct } from '@stock-sync/plugin-testkit/simulator';
import {
  itemOf,
  liveVariant,
  newNumericId,
  productGid,
  variantGid,
  type ShopifyState,
  type SimInventoryItem,
  type SimVariant,
} from './state';

const nowIso = () => new Date().toISOString();

/** Shopify's ProductVariant.inventoryQuantity: "available" summed over the item's locations. */
export function inventoryQuantity(state: ShopifyState, v: SimVariant): number {
  let sum = 0;
  for (const [locationId, level] of itemOf(state, v).levels) {
    if (state.locations.get(locationId)?.isActive) sum += level.available;
  }
  return sum;
}

/** Shopify's ProductVariant.availableForSale: untracked, or CONTINUE, or something in stock. */
export function availableForSale(state: ShopifyState, v: SimVariant): boolean {
  return !itemOf(state, v).tracked || v.inventoryPolicy === 'CONTINUE' || inventoryQuantity(state, v) > 0;
}

/** Puts a variant into the platform form of a neutral stock value (as the merchant's admin would). */
function applyNeutral(state: ShopifyState, v: SimVariant, to: TargetStock): void {
  const item = itemOf(state, v);
  if (to.kind === 'unlimited') {
    item.tracked = false; // "Track quantity" unticked; the counted quantity stays as it was
    return;
  }
  item.tracked = true;
  v.inventoryPolicy = 'DENY';
  const level = item.levels.get(state.hubLocationId) ?? { available: 0, committed: 0, updatedAt: nowIso() };
  level.available = to.kind === 'quantity' ? to.quantity : 0;
  level.updatedAt = nowIso();
  item.levels.set(state.hubLocationId, level);
}

export function seedShop(state: ShopifyState, products: SeedProduct[]): void {
  for (const p of products) {
    const pid = productGid(p.productId);
    const product = state.products.get(pid) ?? { id: pid, title: p.title ?? `Product ${p.productId}`, variantIds: [] };
    if (p.title) product.title = p.title;
    state.products.set(pid, product);
    for (const sv of p.variants) {
      const vid = variantGid(sv.variantId);
      state.deletedVariants.delete(vid);
      let v = state.variants.get(vid);
      if (!v) {
        const item: SimInventoryItem = {
          id: `gid://shopify/InventoryItem/${newNumericId(state)}`,
          variantId: vid,
          tracked: false,
          sku: sv.sku ?? null,
          levels: new Map([[state.hubLocationId, { available: 0, committed: 0, updatedAt: nowIso() }]]),
        };
        state.inventoryItems.set(item.id, item);
        v = {
          id: vid,
          productId: pid,
          title: `Variant ${sv.variantId}`,
          sku: sv.sku ?? null,
          inventoryPolicy: 'DENY',
          inventoryItemId: item.id,
        };
        state.variants.set(vid, v);
        product.variantIds.push(vid);
      }
      applyNeutral(state, v, sv.initial ?? { kind: 'unlimited' });
    }
  }
}

export function inspectVariant(state: ShopifyState, ref: VariantRef): TargetStock | 'deleted' | undefined {
  const vid = variantGid(ref.externalVariantId);
  if (state.deletedVariants.has(vid)) return 'deleted';
  const v = state.variants.get(vid);
  if (!v) return undefined;
  if (!itemOf(state, v).tracked || v.inventoryPolicy === 'CONTINUE') return { kind: 'unlimited' };
  const n = inventoryQuantity(state, v);
  return n > 0 ? { kind: 'quantity', quantity: n } : { kind: 'out_of_stock' };
}

export function manualEditVariant(state: ShopifyState, ref: VariantRef, to: TargetStock): void {
  const v = liveVariant(state, variantGid(ref.externalVariantId));
  if (!v) throw new Error(`no variant ${ref.externalVariantId} to edit`);
  applyNeutral(state, v, to);
}

export function deleteShopVariant(state: ShopifyState, ref: VariantRef): void {
  const vid = variantGid(ref.externalVariantId);
  const v = state.variants.get(vid);
  if (!v) return;
  // Deleting a variant deletes its inventory item and levels with it.
  state.inventoryItems.delete(v.inventoryItemId);
  state.variants.delete(vid);
  const product = state.products.get(v.productId);
  if (product) product.variantIds = product.variantIds.filter((id) => id !== vid);
  state.deletedVariants.add(vid);
}
