/** JSON:API documents as Big Cartel renders them: a product with its options in `included`. */
import type { BigCartelSimState, SimOption, SimProduct } from './state';

export function optionResource(o: SimOption) {
  return { id: o.id, type: 'product_options', attributes: { name: o.name, price: o.price, quantity: o.quantity, sold: o.sold } };
}

export function productResource(p: SimProduct) {
  return {
    id: p.id,
    type: 'products',
    attributes: { name: p.name, permalink: p.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'), status: p.status, updated_at: new Date(p.updatedAt).toISOString() },
    relationships: { options: { data: p.optionIds.map((id) => ({ id, type: 'product_options' })) } },
  };
}

export function productDocument(state: BigCartelSimState, p: SimProduct) {
  const options = p.optionIds.map((id) => state.options.get(id)).filter((o): o is SimOption => !!o);
  return { data: productResource(p), included: options.map(optionResource) };
}
