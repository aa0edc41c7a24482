/**
 * WooCommerce's reading of a variant's ids: positive integers, given to us as strings. The SDK's batched
 * pipeline does the rest of the planning (grouped by parent product — a variations batch is scoped to one
 * product —, duplicates collapsed, a product whose writes are all in place skipped, chunked at the batch limit).
 */

/** A WooCommerce object id: a positive integer, given to us as a string. */
export function parseWooId(raw: string): number | undefined {
  if (!/^[1-9][0-9]{0,18}$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Product and variation ids, or undefined when either cannot be a WooCommerce id. */
export function wooIds(ref: {
  externalProductId: string;
  externalVariantId: string;
}): { productId: number; variationId: number } | undefined {
  const productId = parseWooId(ref.externalProductId);
  const variationId = parseWooId(ref.externalVariantId);
  return productId === undefined || variationId === undefined ? undefined : { productId, variationId };
}
