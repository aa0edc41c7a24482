/**
 * TargetStock ⇄ Etsy offering fields. Etsy has no untracked stock, so "unlimited" is emulated:
 *
 *   unlimited     → quantity 999 (Etsy's maximum), is_enabled true   read back: enabled, quantity ≥ 900
 *   out of stock  → quantity 0, is_enabled left as it is             read back: quantity 0 or disabled
 *   quantity n    → quantity min(n, 999), is_enabled true            read back: enabled, 0 < quantity < 900
 *
 * Every sale decrements the 999; once 100 have sold the variant reads back as a quantity, the hub sees
 * drift and re-asserting "unlimited" tops it up to 999 again. A listing that is not active shows
 * nothing to buyers, so every variant of it reads back out of stock.
 */
import { OUT_OF_STOCK, UNLIMITED, quantity, type TargetStock } from '@stock-sync/plugin-sdk';
import { MAX_OFFERING_QUANTITY } from './manifest';
import type { ListingState } from './etsy-types';

export const EMULATED_UNLIMITED_QUANTITY = MAX_OFFERING_QUANTITY;

/** An enabled offering with at least this many reads back as "unlimited" (the top-up policy's floor). */
export const UNLIMITED_READ_THRESHOLD = 900;

export interface OfferingStock {
  quantity: number;
  is_enabled: boolean;
}

/** The offering fields that express `target`, given what the offering shows now. */
export function offeringFor(target: TargetStock, current: OfferingStock): OfferingStock {
  switch (target.kind) {
    case 'unlimited':
      return { quantity: EMULATED_UNLIMITED_QUANTITY, is_enabled: true };
    case 'out_of_stock':
      // Quantity 0 is Etsy's own sold-out form (the variation shows "sold out"); is_enabled is the
      // merchant's "offer this variation at all" switch, so it is left alone.
      return { quantity: 0, is_enabled: current.is_enabled };
    case 'quantity':
      return { quantity: Math.min(target.quantity, MAX_OFFERING_QUANTITY), is_enabled: true };
  }
}

/** What a shopper can buy of one offering, in neutral form. */
export function stockOfOffering(offering: OfferingStock, listingState: ListingState): TargetStock {
  if (listingState !== 'active' || !offering.is_enabled || offering.quantity <= 0) return OUT_OF_STOCK;
  if (offering.quantity >= UNLIMITED_READ_THRESHOLD) return UNLIMITED;
  return quantity(offering.quantity);
}

export function isInStockTarget(target: TargetStock): boolean {
  return target.kind === 'unlimited' || (target.kind === 'quantity' && target.quantity > 0);
}
