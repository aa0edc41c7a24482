/** How the simulated store answers with a product or variant (subsets of the v3 response models). */
import type { BigcommerceSimState, SimProduct, SimVariant } from './state';
import { productInventoryLevel } from './state';

export function variantJson(state: BigcommerceSimState, v: SimVariant): Record<string, unknown> {
  const p = state.products.get(v.productId)!;
  const price = v.price ?? p.price;
  return {
    id: v.id,
    product_id: v.productId,
    sku: v.sku,
    sku_id: v.id + 100_000,
    price: v.price,
    calculated_price: price,
    sale_price: null,
    retail_price: null,
    cost_price: 0,
    purchasing_disabled: v.purchasingDisabled,
    purchasing_disabled_message: v.purchasingDisabledMessage,
    inventory_level: v.inventoryLevel,
    inventory_warning_level: v.inventoryWarningLevel,
    bin_picking_number: '',
    option_values: [{ id: v.id + 200_000, option_id: p.id + 300_000, option_display_name: 'Size', label: `Option ${v.id}` }],
  };
}

/** include_fields keeps `id` and the named product fields; included sub-resources (variants) always come. */
export function productJson(
  state: BigcommerceSimState,
  p: SimProduct,
  opts: { includeVariants: boolean; fields?: string[] },
): Record<string, unknown> {
  const full: Record<string, unknown> = {
    id: p.id,
    name: p.name,
    type: 'physical',
    sku: p.sku,
    price: p.price,
    inventory_tracking: p.inventoryTracking,
    inventory_level: productInventoryLevel(state, p),
    inventory_warning_level: 0,
    availability: 'available',
    is_visible: true,
    date_modified: new Date(p.dateModified).toISOString().replace(/\.\d{3}Z$/, '+00:00'),
  };
  let out = full;
  if (opts.fields && opts.fields.length) {
    out = { id: p.id };
    for (const f of opts.fields) if (f in full) out[f] = full[f];
  }
  if (opts.includeVariants) out.variants = p.variantIds.map((id) => variantJson(state, state.variants.get(id)!));
  return out;
}
