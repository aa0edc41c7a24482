/** The simulated BASE shop: items, their variations, the token's scopes. Field names follow API v1. */

export interface SimVariation {
  variation_id: number;
  variation: string;
  variation_stock: number;
  variation_identifier: string | null;
}

export interface SimItem {
  item_id: number;
  title: string;
  /** With variations: always the sum of their stock (BASE derives it). */
  stock: number;
  visible: 0 | 1;
  identifier: string | null;
  modified: number;
  variations: SimVariation[];
  /** Digital-content and ClubT items cannot be edited through the API. */
  kind: 'normal' | 'digital' | 'clubt';
}

export interface BaseSimState {
  items: Map<number, SimItem>;
  /** "itemId/variationId" of variations that existed and were deleted. */
  deleted: Set<string>;
  /** The access token's scopes (read_users is always granted). */
  scopes: Set<string>;
  nextVariationId: number;
}

export function createBaseState(): BaseSimState {
  return {
    items: new Map(),
    deleted: new Set(),
    scopes: new Set(['read_users', 'read_items', 'write_items']),
    nextVariationId: 900_000_000,
  };
}

export function refKey(itemId: number | string, variationId: number | string): string {
  return `${itemId}/${variationId}`;
}

/** "バリエーションがある場合はバリエーションの在庫数の合計が自動で在庫数になります" */
export function deriveStock(item: SimItem): void {
  if (item.variations.length > 0) item.stock = item.variations.reduce((n, v) => n + v.variation_stock, 0);
}

export function itemJson(item: SimItem): Record<string, unknown> {
  const images: Record<string, null> = {};
  for (let i = 1; i <= 5; i++)
    for (const size of ['origin', '76', '146', '300', '500', '640', 'sp_480', 'sp_640']) images[`img${i}_${size}`] = null;
  return {
    item_id: item.item_id,
    title: item.title,
    detail: '',
    price: 1000,
    proper_price: null,
    stock: item.stock,
    visible: item.visible,
    list_order: 1,
    identifier: item.identifier,
    ...images,
    modified: item.modified,
    variations: item.variations.map((v) => ({ ...v })),
  };
}
