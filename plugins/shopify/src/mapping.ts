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

export function notStockedError(why = 'connect it to the location in Shopify admin'): Rejected {
  return new Rejected(`the variant's inventory item is not stocked at the configured location (${why})`, {
    code: 'ITEM_NOT_STOCKED_AT_LOCATION',
  });
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
  /** Stock the inventory item at the location first (inventoryActivate): it has no level there yet. */
  activate?: { inventoryItemId: string };
  update?: VariantUpdate;
  set?: QuantitySet;
}

export interface PlanOptions {
  /** May the item be stocked at the location when it is not (store setting; default true). */
  activateAtLocation?: boolean;
}

/** What to send to move `s` to `target`; an empty plan means it already shows the target. */
export function planWrite(state: VariantState, target: TargetStock, options: PlanOptions = {}): WritePlan | Rejected {
  if (target.kind === 'unlimited') {
    // Only `tracked` decides; the policy and the counted quantity are left as the merchant had them.
    return state.tracked ? { update: { id: state.variantId, inventoryItem: { tracked: false } } } : {};
  }
  const plan: WritePlan = {};
  let s = state;
  if (s.available === null) {
    if (options.activateAtLocation === false) return notStockedError('activateItemsAtLocation is false for this store');
    // inventoryActivate without quantities creates the level with available 0.
    plan.activate = { inventoryItemId: s.inventoryItemId };
    s = { ...s, available: 0 };
  }
  const available = s.available as number;
  const want = target.kind === 'quantity' ? target.quantity : 0;
  if (!s.tracked || s.inventoryPolicy !== 'DENY') {
    const update: VariantUpdate = { id: s.variantId };
    if (!s.tracked) update.inventoryItem = { tracked: true };
    if (s.inventoryPolicy !== 'DENY') update.inventoryPolicy = 'DENY';
    plan.update = update;
  }
  // Out of stock accepts any available ≤ 0 already there (an oversold -2 is sold out too).
  const quantityOk = target.kind === 'out_of_stock' ? available <= 0 : available === want;
  if (!quantityOk) plan.set = { inventoryItemId: s.inventoryItemId, quantity: want, changeFromQuantity: available };
  return plan;
}
