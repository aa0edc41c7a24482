/**
 * Turns an inventory as getListingInventory returns it into the body updateListingInventory accepts.
 * The PUT is a full replacement (products left out are deleted), so every product is carried over with
 * its sku, property values and price; the read-only fields GET adds (product_id, offering_id,
 * is_deleted, scale_name) are dropped and the Money price becomes the float Etsy wants
 * (etsy/open-api issues #134, #159, #168). readiness_state_id / readiness_state_on_property are newer
 * than the 2021 spec but required by today's API, so they are carried over as read.
 */
import type { EtsyInventory, EtsyInventoryUpdate, EtsyOffering, EtsyProduct, EtsyWriteProduct } from './etsy-types';
import type { OfferingStock } from './stock-mapping';

export function liveProducts(inventory: EtsyInventory): EtsyProduct[] {
  return inventory.products.filter((p) => !p.is_deleted);
}

export function liveOfferings(product: EtsyProduct): EtsyOffering[] {
  return product.offerings.filter((o) => !o.is_deleted);
}

export function moneyToFloat(price: EtsyOffering['price']): number {
  // Etsy's divisor is a power of ten; rounding to its digits removes binary noise (1999/100 → 19.99).
  const divisor = price.divisor > 0 ? price.divisor : 1;
  const digits = Math.max(0, Math.round(Math.log10(divisor)));
  return Number((price.amount / divisor).toFixed(digits));
}

/**
 * @param stockByProduct new quantity / is_enabled per live product (same order as liveProducts), one
 *        entry per live offering of that product.
 */
export function toInventoryUpdate(inventory: EtsyInventory, stockByProduct: OfferingStock[][]): EtsyInventoryUpdate {
  const products: EtsyWriteProduct[] = liveProducts(inventory).map((product, i) => ({
    sku: product.sku ?? '',
    property_values: product.property_values.map((pv) => ({
      property_id: pv.property_id,
      property_name: pv.property_name,
      scale_id: pv.scale_id,
      value_ids: [...pv.value_ids],
      values: [...pv.values],
    })),
    offerings: liveOfferings(product).map((offering, j) => {
      const stock = stockByProduct[i]?.[j] ?? offering;
      return {
        price: moneyToFloat(offering.price),
        quantity: stock.quantity,
        is_enabled: stock.is_enabled,
        readiness_state_id: offering.readiness_state_id ?? null,
      };
    }),
  }));
  const body: EtsyInventoryUpdate = {
    products,
    price_on_property: [...inventory.price_on_property],
    quantity_on_property: [...inventory.quantity_on_property],
    sku_on_property: [...inventory.sku_on_property],
  };
  if (Array.isArray(inventory.readiness_state_on_property)) body.readiness_state_on_property = [...inventory.readiness_state_on_property];
  return body;
}
