/**
 * TargetStock ⇄ Etsy offering fields (README "Mapping"). Etsy has no untracked stock, so "unlimited" is emulated
 * with Etsy's maximum, 999, and an enabled offering with 900 or more reads back as unlimited (the top-up floor).
 * A listing that is not active shows nothing to buyers, so every variant of it reads back out of stock.
 */
import { emulatedUnlimited } from '@stock-sync/plugin-sdk';
import { OUT_OF_STOCK } from '@stock-sync/plugin-api';
import type { TargetStock } from '@stock-sync/plugin-api';
import { MAX_OFFERING_QUANTITY } from './manifest';
import type { ListingState } from './etsy-types';

export const EMULATED_UNLIMITED_QUANTITY = MAX_OFFERING_QUANTITY;

const rule = emulatedUnlimited({ count: EMULATED_UNLIMITED_QUANTITY, readFrom: 900, max: MAX_OFFERING_QUANTITY });

export interface OfferingStock {
  quantity: number;
  is_enabled: boolean;
}

/** The offering fields that express `target`, given what the offering shows now. */
export function offeringFor(target: TargetStock, current: OfferingStock): OfferingStock {
  // Quantity 0 is Etsy's own sold-out form (the variation shows "sold out"); is_enabled is the merchant's
  // "offer this variation at all" switch, so writing out of stock leaves it alone.
  return { quantity: rule.countFor(target), is_enabled: target.kind === 'out_of_stock' ? current.is_enabled : true };
}

/** What a shopper can buy of one offering, in neutral form. */
export function stockOfOffering(offering: OfferingStock, listingState: ListingState): TargetStock {
  return listingState === 'active' && offering.is_enabled ? rule.stockOf(offering.quantity) : OUT_OF_STOCK;
}

export function isInStockTarget(target: TargetStock): boolean {
  return target.kind === 'unlimited' || (target.kind === 'quantity' && target.quantity > 0);
}
