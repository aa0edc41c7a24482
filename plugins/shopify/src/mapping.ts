/**
 * TargetStock ⇄ Shopify fields (README "Mapping"):
 *   unlimited     ⇄ InventoryItem.tracked = false          (or tracked with inventoryPolicy CONTINUE, read only)
 *   out_of_stock  ⇄ tracked = true, inventoryPolicy DENY, available ≤ 0 at the hub's location
 *   quantity N    ⇄ tracked = true, inventoryPolicy DENY, available N
 * Writes choose the fewest fields: only what differs from the state just read is sent.
 */
import { OUT_OF_STOCK, quantity, Rejected, UNLIMITED } from '@stock-sync/plugin-sdk';
import type { TargetStock } from '@stock-sync/plugin-sdk';
import type { InventoryPolicy, VariantState } from './variant-state';

export function notStockedError(): Rejected {
  return new Rejected(
    "the variant's inventory item is not stocked at the configured location (connect it to the location in Shopify admin)",
    { code: 'ITEM_NOT_STOCKED_AT_LOCATION' },
  );
}

/** The neutral reading of a variant, or the reason it cannot be read. */
export function toTargetStock(s: VariantState): TargetStock | Rejected {
  // Untracked: Shopify sells it without counting. CONTINUE sells past zero: also never sold out.
  if (!s.tracked || s.inventoryPolicy === 'CONTINUE') return UNLIMITED;
  if (s.available === null) return notStockedError();
  // Negative available (oversold) is still sold out for shoppers.
  return s.available <= 0 ? OUT_OF_STOCK : quantity(s.available);
}

/** The productVariantsBulkUpdate entry for one variant (ProductVariantsBulkInput). */
export interface VariantUpdate {
  id: string;
  inventoryPolicy?: InventoryPolicy;
  inventoryItem?: { tracked: boolean };
}

/** One entry of inventorySetQuantities' quantities[] (InventoryQuantityInput) minus the location. */
export interface QuantitySet {
  inventoryItemId: string;
  quantity: number;
  /** Compare-and-set: the quantity we just read. */
  changeFromQuantity: number;
}

export interface WritePlan {
  update?: VariantUpdate;
  set?: QuantitySet;
}

/** What to send to move `s` to `target`; an empty plan means it already shows the target. */
export function planWrite(s: VariantState, target: TargetStock): WritePlan | Rejected {
  if (target.kind === 'unlimited') {
    // Only `tracked` decides; the policy and the counted quantity are left as the merchant had them.
    return s.tracked ? { update: { id: s.variantId, inventoryItem: { tracked: false } } } : {};
  }
  if (s.available === null) return notStockedError();
  const want = target.kind === 'quantity' ? target.quantity : 0;
  const plan: WritePlan = {};
  if (!s.tracked || s.inventoryPolicy !== 'DENY') {
    const update: VariantUpdate = { id: s.variantId };
    if (!s.tracked) update.inventoryItem = { tracked: true };
    if (s.inventoryPolicy !== 'DENY') update.inventoryPolicy = 'DENY';
    plan.update = update;
  }
  // Out of stock accepts any available ≤ 0 already there (an oversold -2 is sold out too).
  const quantityOk = target.kind === 'out_of_stock' ? s.available <= 0 : s.available === want;
  if (!quantityOk) plan.set = { inventoryItemId: s.inventoryItemId, quantity: want, changeFromQuantity: s.available };
  return plan;
}
