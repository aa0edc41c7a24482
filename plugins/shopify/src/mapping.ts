/** TargetStock ⇄ Shopify fields (README "Mapping"); writes send only what differs from the state just read. */
import { OUT_OF_STOCK, quantity, Rejected, UNLIMITED } from '@stock-sync/plugin-api';
import type { TargetStock } from '@stock-sync/plugin-api';

/** A store's GID or numeric legacy id → the GID (https://shopify.dev/docs/api/usage/gids). */
export function toGid(type: 'Product' | 'ProductVariant' | 'Location', id: string): string {
  const trimmed = id.trim();
  return trimmed.startsWith('gid://shopify/') ? trimmed : `gid://shopify/${type}/${trimmed}`;
}

/** What one READ_VARIANTS node tells us about a variant, in plain fields. */
export interface VariantState {
  variantId: string;
  productId: string;
  inventoryItemId: string;
  tracked: boolean;
  inventoryPolicy: 'DENY' | 'CONTINUE';
  /** "available" at the hub's location; null when the item is not stocked there (no inventory level). */
  available: number | null;
}

/** The node as READ_VARIANTS selects it (null for a deleted variant; {} for a non-variant id). */
export interface VariantNode {
  id?: string;
  inventoryPolicy?: string;
  product?: { id: string } | null;
  inventoryItem?: {
    id: string;
    tracked: boolean;
    inventoryLevel: { quantities: Array<{ name: string; quantity: number }> } | null;
  } | null;
}

/** Undefined when the node is not a readable variant (deleted, or the id names something else). */
export function parseVariantNode(node: VariantNode | null | undefined): VariantState | undefined {
  if (!node || !node.id || !node.inventoryItem || !node.product) return undefined;
  const level = node.inventoryItem.inventoryLevel;
  return {
    variantId: node.id,
    productId: node.product.id,
    inventoryItemId: node.inventoryItem.id,
    tracked: node.inventoryItem.tracked,
    inventoryPolicy: node.inventoryPolicy === 'CONTINUE' ? 'CONTINUE' : 'DENY',
    available: level ? (level.quantities.find((q) => q.name === 'available')?.quantity ?? 0) : null,
  };
}

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

export interface WritePlan {
  /** Stock the inventory item at the location first (inventoryActivate): it has no level there yet. */
  activate?: { inventoryItemId: string };
  /** The productVariantsBulkUpdate entry (ProductVariantsBulkInput). */
  update?: { id: string; inventoryPolicy?: 'DENY'; inventoryItem?: { tracked: boolean } };
  /** The inventorySetQuantities entry (InventoryQuantityInput) minus the location; changeFromQuantity: what we just read. */
  set?: { inventoryItemId: string; quantity: number; changeFromQuantity: number };
}

/** What to send to move `s` to `target`; an empty plan means it already shows the target. */
export function planWrite(s: VariantState, target: TargetStock, options: { activateAtLocation?: boolean } = {}): WritePlan | Rejected {
  if (target.kind === 'unlimited') {
    // Only `tracked` decides; the policy and the counted quantity are left as the merchant had them.
    return s.tracked ? { update: { id: s.variantId, inventoryItem: { tracked: false } } } : {};
  }
  const plan: WritePlan = {};
  if (s.available === null) {
    // The store setting activateItemsAtLocation (default true) may forbid stocking it at the location.
    if (options.activateAtLocation === false) return notStockedError('activateItemsAtLocation is false for this store');
    // inventoryActivate without quantities creates the level with available 0.
    plan.activate = { inventoryItemId: s.inventoryItemId };
  }
  const available = s.available ?? 0;
  const want = target.kind === 'quantity' ? target.quantity : 0;
  if (!s.tracked || s.inventoryPolicy !== 'DENY') {
    plan.update = { id: s.variantId };
    if (!s.tracked) plan.update.inventoryItem = { tracked: true };
    if (s.inventoryPolicy !== 'DENY') plan.update.inventoryPolicy = 'DENY';
  }
  // Out of stock accepts any available ≤ 0 already there (an oversold -2 is sold out too).
  const quantityOk = target.kind === 'out_of_stock' ? available <= 0 : available === want;
  if (!quantityOk) plan.set = { inventoryItemId: s.inventoryItemId, quantity: want, changeFromQuantity: available };
  return plan;
}
