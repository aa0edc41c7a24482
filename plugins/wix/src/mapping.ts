/**
 * TargetStock ⇄ Wix inventory (README "Mapping"): a tracked count (`quantity`) or an untracked `inStock`. V1 tracks
 * per PRODUCT (tracked exactly when one of its variants should show a count; unlimited then emulated as 99,999);
 * V3 per inventory item, `trackQuantity` derived from which field is set.
 */
import { OUT_OF_STOCK, UNLIMITED, quantity, sameTargetStock } from '@stock-sync/plugin-api';
import type { TargetStock } from '@stock-sync/plugin-api';
import { V1_EMULATED_UNLIMITED, V1_UNLIMITED_READ_THRESHOLD } from './manifest';
import type { V1InventoryItem, V1Patch, V1Variant, V3InventoryItem } from './wix-types';

/** A tracked count (unlimited from `unlimitedFrom`: V1's emulation) or an untracked inStock. */
function stockOf(tracked: boolean, count: unknown, inStock: unknown, unlimitedFrom = Infinity): TargetStock {
  if (!tracked) return inStock === true ? UNLIMITED : OUT_OF_STOCK;
  const q = typeof count === 'number' && Number.isFinite(count) ? Math.trunc(count) : 0;
  return q >= unlimitedFrom ? UNLIMITED : q > 0 ? quantity(q) : OUT_OF_STOCK;
}

export const fromV1Variant = (trackQuantity: boolean, v: V1Variant): TargetStock =>
  stockOf(trackQuantity, v.quantity, v.inStock, V1_UNLIMITED_READ_THRESHOLD);

function v1Fields(tracked: boolean, variantId: string, t: TargetStock): V1Variant {
  if (tracked) return { variantId, quantity: t.kind === 'quantity' ? t.quantity : t.kind === 'unlimited' ? V1_EMULATED_UNLIMITED : 0 };
  return { variantId, inStock: t.kind === 'unlimited' };
}

/**
 * The PATCH that gives `item`'s variants the targets in `changes` (the others keep what they show), or undefined
 * when nothing differs. A tracking switch sends every variant (it would leave the unnamed ones without a value).
 */
export function planV1Patch(item: V1InventoryItem, changes: ReadonlyMap<string, TargetStock>): V1Patch | undefined {
  // Quantity 0 is out of stock: it never needs tracking.
  const desired = item.variants.map((v) => {
    const t = changes.get(v.variantId) ?? fromV1Variant(item.trackQuantity, v);
    return { v, target: t.kind === 'quantity' && t.quantity <= 0 ? OUT_OF_STOCK : t };
  });
  const tracked = desired.some((d) => d.target.kind === 'quantity');
  // Same mode: only the named variants whose field differs (a tracked "unlimited" that sales ate into is
  // topped up to the emulated count again).
  const send =
    tracked !== item.trackQuantity
      ? desired
      : desired.filter((d) => {
          if (!changes.has(d.v.variantId)) return false;
          const want = v1Fields(tracked, d.v.variantId, d.target);
          return tracked ? d.v.quantity !== want.quantity : d.v.inStock !== want.inStock;
        });
  if (send.length === 0) return undefined;
  return { inventoryItem: { trackQuantity: tracked, variants: send.map((d) => v1Fields(tracked, d.v.variantId, d.target)) } };
}

export function toV3Fields(target: TargetStock): { quantity: number } | { inStock: boolean } {
  if (target.kind === 'quantity' && target.quantity > 0) return { quantity: target.quantity };
  return { inStock: target.kind === 'unlimited' };
}

const isTracked = (item: Pick<V3InventoryItem, 'trackQuantity' | 'quantity'>) => item.trackQuantity ?? typeof item.quantity === 'number';

export const fromV3Item = (item: Pick<V3InventoryItem, 'trackQuantity' | 'quantity' | 'inStock'>): TargetStock =>
  stockOf(isTracked(item), item.quantity, item.inStock);

/** True when the item already shows `target` in the form this plugin writes (nothing to send). */
export function showsTarget(item: V3InventoryItem, target: TargetStock): boolean {
  const want = toV3Fields(target);
  if ('quantity' in want) return isTracked(item) && item.quantity === want.quantity;
  return !isTracked(item) && sameTargetStock(fromV3Item(item), target.kind === 'unlimited' ? UNLIMITED : OUT_OF_STOCK);
}
