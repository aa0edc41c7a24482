/** How the platform renders a variant, and its `fields` filter. */
import { FIRST_LOCATION_ID, type SimVariant } from './state';

/** "2021-11-10T20:40:44+0000", the format of the docs' examples. */
export function nuvemDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

export function variantJson(v: SimVariant): Record<string, unknown> {
  return {
    id: v.id,
    image_id: null,
    product_id: v.productId,
    position: v.position,
    price: v.price,
    promotional_price: null,
    stock_management: v.stockManagement,
    // With multi-inventory, `stock` "will reflect the total stock for that variant in every location".
    stock: v.stock === null ? null : v.stock + [...(v.otherLevels?.values() ?? [])].reduce((a, b) => a + b, 0),
    inventory_levels: [
      { location_id: FIRST_LOCATION_ID, stock: v.stock },
      ...[...(v.otherLevels ?? [])].map(([location_id, stock]) => ({ location_id, stock: v.stock === null ? null : stock })),
    ],
    weight: '0.000',
    width: '0.00',
    height: '0.00',
    depth: '0.00',
    sku: v.sku,
    values: v.values,
    barcode: null,
    mpn: null,
    age_group: null,
    gender: null,
    created_at: nuvemDate(v.createdAt),
    updated_at: nuvemDate(v.updatedAt),
  };
}

/** `fields=a,b`: only those properties (unknown names are ignored). */
export function pickFields(obj: Record<string, unknown>, fields: string | undefined): Record<string, unknown> {
  if (!fields) return obj;
  const wanted = fields
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  if (wanted.length === 0) return obj;
  return Object.fromEntries(wanted.filter((f) => f in obj).map((f) => [f, obj[f]]));
}
