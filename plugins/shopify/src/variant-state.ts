/**
 * What one READ_VARIANTS node tells us about a variant, in plain fields.
 */
export type InventoryPolicy = 'DENY' | 'CONTINUE';

export interface VariantState {
  variantId: string;
  productId: string;
  inventoryItemId: string;
  tracked: boolean;
  inventoryPolicy: InventoryPolicy;
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
  const available = level ? (level.quantities.find((q) => q.name === 'available')?.quantity ?? 0) : null;
  return {
    variantId: node.id,
    productId: node.product.id,
    inventoryItemId: node.inventoryItem.id,
    tracked: node.inventoryItem.tracked,
    inventoryPolicy: node.inventoryPolicy === 'CONTINUE' ? 'CONTINUE' : 'DENY',
    available,
  };
}
