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

export interface AdjustmentBody {
  setFiniteOperations?: { variantId: string; quantity: number }[];
  setUnlimitedOperations?: string[];
}

/** Every Commerce API error is `{ type, subtype, message, details, contextId }`; undefined when `data` is none. */
export function errorBodyOf(data: unknown): { type: string; subtype: string | null; message: string } | undefined {
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      return undefined;
    }
  }
  const d = (typeof data === 'object' && data !== null ? data : {}) as { type?: unknown; subtype?: unknown; message?: unknown };
  return typeof d.type === 'string' && typeof d.message === 'string'
    ? (d as { type: string; subtype: string | null; message: string })
    : undefined;
}
