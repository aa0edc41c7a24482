/** The JSON:API documents of Big Cartel's products API, as far as this plugin reads and writes them. */

export interface ResourceIdentifier {
  id: string;
  type: string;
}

export interface ProductOptionResource {
  id: string;
  type: 'product_options';
  attributes: { name?: string; price?: string | number; quantity?: number | null; sold?: number };
}

export interface ProductResource {
  id: string;
  type: 'products';
  attributes: { name?: string; status?: 'active' | 'hidden' | 'sold_out' | 'coming_soon'; [k: string]: unknown };
  relationships?: { options?: { data?: ResourceIdentifier[] } };
}

export interface ProductDocument {
  data: ProductResource;
  included?: Array<ProductOptionResource | { id: string; type: string; attributes?: Record<string, unknown> }>;
}

/** One element of the PATCH's options linkage: every option is named; changed ones carry the quantity. */
export interface OptionLinkage {
  id: string;
  type: 'product_options';
  attributes?: { quantity: number };
}

export interface ProductPatchDocument {
  data: {
    id: string;
    type: 'products';
    relationships: { options: { data: OptionLinkage[] } };
  };
}

/** The options of a product document, by id (from `included`, in the order of the relationship). */
export function optionsOf(doc: ProductDocument | undefined): Map<string, ProductOptionResource> {
  const out = new Map<string, ProductOptionResource>();
  if (!doc?.data) return out;
  const included = new Map((doc.included ?? []).filter((r) => r?.type === 'product_options').map((r) => [String(r.id), r as ProductOptionResource]));
  for (const ref of doc.data.relationships?.options?.data ?? []) {
    const option = included.get(String(ref.id));
    if (option) out.set(String(ref.id), option);
  }
  return out;
}
