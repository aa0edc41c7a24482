/**
 * The JSON:API documents of Big Cartel's products API, as far as this plugin reads and writes them.
 * Field names and types: https://help.bigcartel.com/developers/api/v1/products/ (options[].id, name,
 * price, quantity "the quantity in stock", sold; status active | hidden | sold_out | coming_soon).
 */

export interface ProductOptionResource {
  id: string;
  type: 'product_options';
  attributes: { name?: string; price?: string | number; quantity?: number | null; sold?: number };
}

export interface ProductDocument {
  data: {
    id: string;
    type: 'products';
    attributes: { name?: string; status?: 'active' | 'hidden' | 'sold_out' | 'coming_soon'; [k: string]: unknown };
    relationships?: { options?: { data?: { id: string; type: string }[] } };
  };
  included?: Array<ProductOptionResource | { id: string; type: string; attributes?: Record<string, unknown> }>;
}

/**
 * The body of an option update: a JSON:API resource object of the type Big Cartel answers options with
 * (`product_options`), only the attribute to change. Big Cartel documents no option-update request
 * (README "The write"); this is JSON:API's documented form of updating a resource
 * (https://jsonapi.org/format/#crud-updating). Attributes never ride inside a relationship's linkage:
 * a resource identifier object holds only `type`, `id` and `meta`
 * (https://jsonapi.org/format/#document-resource-identifier-objects).
 */
export function optionUpdateDocument(optionId: string, quantity: number) {
  return { data: { id: optionId, type: 'product_options', attributes: { quantity } } };
}

/**
 * The options of a product document, by id: the resources of type `product_options` in `included` that
 * the product's `options` relationship names, in its order. The plugin asks for them with
 * `include=options` (https://jsonapi.org/format/#fetching-includes); an option the relationship names but
 * `included` lacks is not returned (never guessed).
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
