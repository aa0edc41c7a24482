/**
 * TargetStock ⇄ Catalog V1 inventory. V1 tracks stock per PRODUCT (`trackQuantity` on the inventory
 * item) with per-variant `inStock` (untracked) or `quantity` (tracked):
 *
 *   product untracked:  unlimited → inStock true     out of stock → inStock false
 *   product tracked:    quantity n → quantity n      out of stock → quantity 0     unlimited → quantity 99,999 (emulated)
 *
 * A product is tracked exactly when one of its variants should show a count; so a product leaves
 * tracking again once no variant needs a count, and its unlimited variants become native again.
 */
import { OUT_OF_STOCK, UNLIMITED, quantity, type TargetStock } from '@stock-sync/plugin-sdk';
import { V1_EMULATED_UNLIMITED, V1_UNLIMITED_READ_THRESHOLD } from '../manifest';
import type { V1InventoryItem, V1Patch, V1Variant, V1VariantUpdate } from '../wix-types';

/** Quantity 0 is out of stock: it never needs tracking. */
export function normalise(t: TargetStock): TargetStock {
  return t.kind === 'quantity' && t.quantity <= 0 ? OUT_OF_STOCK : t;
}

export function fromV1Variant(trackQuantity: boolean, v: V1Variant): TargetStock {
  if (trackQuantity) {
    const q = typeof v.quantity === 'number' && Number.isFinite(v.quantity) ? Math.trunc(v.quantity) : 0;
    if (q >= V1_UNLIMITED_READ_THRESHOLD) return UNLIMITED;
    return q > 0 ? quantity(q) : OUT_OF_STOCK;
  }
  return v.inStock === true ? UNLIMITED : OUT_OF_STOCK;
}

function fieldsFor(tracked: boolean, variantId: string, t: TargetStock): V1VariantUpdate {
  if (tracked) return { variantId, quantity: t.kind === 'quantity' ? t.quantity : t.kind === 'unlimited' ? V1_EMULATED_UNLIMITED : 0 };
  return { variantId, inStock: t.kind === 'unlimited' };
}

/**
 * The PATCH that gives `item`'s variants the targets in `changes` (variants not named keep what they
 * show), or undefined when the product already shows all of it. When tracking switches, every variant
 * is sent (a switch would otherwise leave the unnamed ones without a value); otherwise only the
 * variants that differ.
 */
export function planV1Patch(item: V1InventoryItem, changes: ReadonlyMap<string, TargetStock>): V1Patch | undefined {
  const desired = item.variants.map((v) => ({ v, target: normalise(changes.get(v.variantId) ?? fromV1Variant(item.trackQuantity, v)) }));
  const tracked = desired.some((d) => d.target.kind === 'quantity');
  let send: typeof desired;
  if (tracked !== item.trackQuantity) send = desired;
  else {
    // Same mode: only the named variants whose field differs (a tracked "unlimited" that sales ate
    // into is topped up to the emulated count again).
    send = desired.filter((d) => {
      if (!changes.has(d.v.variantId)) return false;
      const want = fieldsFor(tracked, d.v.variantId, d.target);
      return tracked ? d.v.quantity !== want.quantity : d.v.inStock !== want.inStock;
    });
  }
  if (send.length === 0) return undefined;
  return { inventoryItem: { trackQuantity: tracked, variants: send.map((d) => fieldsFor(tracked, d.v.variantId, d.target)) } };
}
