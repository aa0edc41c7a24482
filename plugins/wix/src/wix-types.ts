/**
 * The Wix Stores wire shapes this plugin touches: catalog versioning, V1 Inventory API, V3 Inventory
 * Items API, and the Wix error envelope. Sources in README.md.
 */

export type WixCatalogVersionAnswer = 'V1_CATALOG' | 'V3_CATALOG' | 'STORES_NOT_INSTALLED';

/** V1: one inventory item per product; tracking is per product. */
export interface V1Variant {
  variantId: string;
  inStock?: boolean;
  quantity?: number;
  availableForPreorder?: boolean;
}
export interface V1InventoryItem {
  id?: string;
  externalId?: string;
  productId: string;
  trackQuantity: boolean;
  variants: V1Variant[];
  lastUpdated?: string;
}
export interface V1QueryResponse {
  inventoryItems?: V1InventoryItem[];
  metadata?: { items?: number; offset?: number };
  totalResults?: number;
}
export interface V1VariantUpdate {
  variantId: string;
  quantity?: number;
  inStock?: boolean;
}
export interface V1Patch {
  inventoryItem: { trackQuantity: boolean; variants: V1VariantUpdate[] };
}

/** V3: one inventory item per variant and location, with optimistic locking by revision. */
export interface V3InventoryItem {
  id: string;
  revision: string;
  variantId: string;
  productId: string;
  locationId?: string;
  trackQuantity?: boolean;
  quantity?: number;
  inStock?: boolean;
  availabilityStatus?: string;
}
export interface V3QueryResponse {
  inventoryItems?: V3InventoryItem[];
  pagingMetadata?: { count?: number; cursors?: { next?: string | null }; hasNext?: boolean };
}
export interface V3ItemUpdate {
  inventoryItem: { id: string; revision: string; quantity?: number; inStock?: boolean };
}
export interface WixApplicationError {
  code?: string;
  description?: string;
  data?: unknown;
}
export interface V3BulkResult {
  itemMetadata?: { id?: string; originalIndex?: number; success?: boolean; error?: WixApplicationError };
  item?: V3InventoryItem;
}
export interface V3BulkResponse {
  results?: V3BulkResult[];
  bulkActionMetadata?: { totalSuccesses?: number; totalFailures?: number; undetailedFailures?: number };
}

/** `{ message, details: { applicationError: { code, description } } }` (or validationError). */
export interface WixErrorBody {
  message?: string;
  details?: { applicationError?: WixApplicationError; validationError?: unknown };
}

export function wixErrorCode(data: unknown): string | undefined {
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      return undefined;
    }
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const code = (data as WixErrorBody).details?.applicationError?.code;
  return typeof code === 'string' ? code : undefined;
}
