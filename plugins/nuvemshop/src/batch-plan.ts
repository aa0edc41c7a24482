/**
 * Nuvemshop's reading of a variant's ids: positive integers, given to us as strings. The SDK's batched
 * pipeline does the rest of the planning (grouped by product — the variants batch is scoped to one product —,
 * at most MAX_BATCH per call, a variant named twice keeps its last input, a product whose writes are all in
 * place skipped with Nuvemshop's sameOnPlatform).
 */

/** A platform id: a positive integer, given to us as a string. */
export function parseNuvemId(raw: string): number | undefined {
  if (!/^[1-9][0-9]{0,18}$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Product and variant ids, or undefined when either cannot be a Nuvemshop id. */
export function nuvemIds(ref: {
  externalProductId: string;
  externalVariantId: string;
}): { productId: number; variantId: number } | undefined {
  const productId = parseNuvemId(ref.externalProductId);
  const variantId = parseNuvemId(ref.externalVariantId);
  return productId === undefined || variantId === undefined ? undefined : { productId, variantId };
}
