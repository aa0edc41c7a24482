/** BigCommerce ids: positive integers, given to us as strings. */

/** A BigCommerce id: a positive integer, given to us as a string. */
export function parseBcId(raw: string): number | undefined {
  if (!/^[1-9][0-9]{0,15}$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** A variant's product and variant ids, or undefined when they cannot be BigCommerce's (failed without a call). */
export function bcIds(ref: { externalProductId: string; externalVariantId: string }): { productId: number; variantId: number } | undefined {
  const productId = parseBcId(ref.externalProductId);
  const variantId = parseBcId(ref.externalVariantId);
  return productId === undefined || variantId === undefined ? undefined : { productId, variantId };
}
