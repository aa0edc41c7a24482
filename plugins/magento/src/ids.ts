/** Magento's SKU rule. */

/** A Magento SKU: 1–64 characters (catalog_product_entity.sku), not only spaces. */
export function isSku(raw: string): boolean {
  return raw.length > 0 && raw.length <= 64 && raw.trim() !== '';
}
