/** The slices of Webflow Data API v2 resources this plugin reads and writes. */

export type InventoryType = 'infinite' | 'finite';

/** GET/PATCH …/items/{sku_id}/inventory answer. */
export interface WebflowInventory {
  id?: string;
  quantity?: number;
  inventoryType?: InventoryType;
}

/** The absolute PATCH body: `quantity` only with finite (the delta form `updateQuantity` is never used). */
export type WebflowInventoryUpdate = { inventoryType: 'infinite' } | { inventoryType: 'finite'; quantity: number };

export interface WebflowCollectionSummary {
  id: string;
  slug?: string;
  displayName?: string;
}

/** The error body every v2 endpoint answers with. */
export interface WebflowErrorBody {
  code?: string;
  message?: string;
  externalReference?: string | null;
  details?: unknown[];
}

export function webflowErrorBody(data: unknown): WebflowErrorBody | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const d = data as Record<string, unknown>;
  return typeof d.code === 'string' ? (d as WebflowErrorBody) : undefined;
}
