/** The simulated Squarespace site: products, their variants' InventoryItems, idempotency memory. */
export interface SimInventoryItem {
  variantId: string;
  productId: string;
  sku: string | null;
  descriptor: string;
  isUnlimited: boolean;
  /** Kept while unlimited; shown as 0 then (the documented example shows 0 for unlimited items — see README). */
  quantity: number;
}

export interface IdempotentAnswer {
  status: number;
  body?: unknown;
  at: number;
}

export interface SquarespaceStoreOptions {
  /** Maximum operations in one adjustment (Squarespace documents none; 50 modelled, README). */
  maxOperations: number;
}

export interface SquarespaceSimState {
  products: Map<string, { id: string; name: string; variantIds: string[] }>;
  items: Map<string, SimInventoryItem>;
  /** variantIds deleted by the merchant (inspect → 'deleted'). */
  deleted: Set<string>;
  /** Idempotency-Key → the first answer ("guaranteed effective for 48 hours"). */
  idempotency: Map<string, IdempotentAnswer>;
  options: SquarespaceStoreOptions;
  contextCounter: number;
}

export function createSquarespaceState(): SquarespaceSimState {
  return {
    products: new Map(),
    items: new Map(),
    deleted: new Set(),
    idempotency: new Map(),
    options: { maxOperations: 50 },
    contextCounter: 0,
  };
}
