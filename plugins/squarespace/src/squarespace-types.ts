/**
 * Inventory API 1.0 wire shapes (developers.squarespace.com/commerce-apis: retrieve-all-inventory,
 * retrieve-specific-inventory, adjust-stock-quantities, responses-error-handling).
 */
export interface InventoryItem {
  variantId: string;
  sku: string | null;
  descriptor: string;
  isUnlimited: boolean;
  quantity: number;
}

export interface InventoryPage {
  inventory: InventoryItem[] | null;
  pagination?: { hasNextPage: boolean; nextPageCursor: string | null; nextPageUrl: string | null };
}

export interface AdjustmentBody {
  incrementOperations?: { variantId: string; quantity: number }[];
  decrementOperations?: { variantId: string; quantity: number }[];
  setFiniteOperations?: { variantId: string; quantity: number }[];
  setUnlimitedOperations?: string[];
}

/** Every Commerce API error: `{ type, subtype, message, details, contextId }`. */
export interface SquarespaceErrorBody {
  type: string;
  subtype: string | null;
  message: string;
  details: unknown;
  contextId: string | null;
}

export function errorBodyOf(data: unknown): SquarespaceErrorBody | undefined {
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      return undefined;
    }
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as Record<string, unknown>;
  return typeof d.type === 'string' && typeof d.message === 'string' ? (d as unknown as SquarespaceErrorBody) : undefined;
}
