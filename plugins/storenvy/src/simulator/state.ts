/** The simulated Storenvy store: products and their variants (field names as community clients send them). */

export interface SimVariant {
  id: number;
  name: string;
  sku: string | null;
  full_quantity: number;
  in_stock: boolean;
  cents: number;
}

export interface SimProduct {
  id: number;
  name: string;
  variants: Map<number, SimVariant>;
}

export interface StorenvySimState {
  products: Map<number, SimProduct>;
  deleted: Set<string>;
  /** The token's scopes ("user store_read store_write"). */
  scopes: Set<string>;
}

export function createStorenvyState(): StorenvySimState {
  return { products: new Map(), deleted: new Set(), scopes: new Set(['user', 'store_read', 'store_write']) };
}

export const refKey = (p: number | string, v: number | string) => `${p}/${v}`;

export function variantJson(productId: number, v: SimVariant): Record<string, unknown> {
  return {
    id: v.id,
    product_id: productId,
    name: v.name,
    sku: v.sku,
    full_quantity: v.full_quantity,
    in_stock: v.in_stock,
    cents: v.cents,
  };
}
