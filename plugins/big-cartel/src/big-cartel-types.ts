/**
 * The JSON:API documents of Big Cartel's products API, as far as this plugin reads and writes them (fields:
 * https://help.bigcartel.com/developers/api/v1/products/; option `quantity` is "the quantity in stock").
 */

export interface ProductOptionResource {
  id: string;
  type: 'product_options';
  attributes: { quantity?: number | null };
}

export interface ProductDocument {
  data: { id: string; type: 'products'; relationships?: { options?: { data?: { id: string; type: string }[] } } };
  included?: Array<{ id: string; type: string; attributes?: Record<string, unknown> }>;
}

/**
 * The body of an option update: JSON:API's documented form of updating a resource (https://jsonapi.org/format/#crud-updating),
 * only the attribute to change; Big Cartel documents none (README "The write"). Attributes never ride inside a
 * relationship's linkage (https://jsonapi.org/format/#document-resource-identifier-objects).
 */
export function optionUpdateDocument(optionId: string, quantity: number) {
  return { data: { id: optionId, type: 'product_options', attributes: { quantity } } };
}

/**
 * The options of a product document, by id, in the `options` relationship's order: the `product_options` resources
 * of `included` (asked for with `include=options`, https://jsonapi.org/format/#fetching-includes). An option the
 * relationship names but `included` lacks is not returned (never guessed).
 */
export function optionsOf(doc: ProductDocument | undefined): Map<string, ProductOptionResource> {
  const included = new Map((doc?.included ?? []).filter((r) => r?.type === 'product_options').map((r) => [String(r.id), r]));
  const out = new Map<string, ProductOptionResource>();
  for (const ref of doc?.data?.relationships?.options?.data ?? []) {
    const option = included.get(String(ref.id));
    if (option) out.set(String(ref.id), option as ProductOptionResource);
  }
  return out;
}
