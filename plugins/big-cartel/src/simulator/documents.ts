/** JSON:API documents as Big Cartel renders them: a product with its options in `included`. */
import type { BigCartelSimState, SimOption, SimProduct } from './state';

export function optionResource(o: SimOption) {
  return { id: o.id, type: 'product_options', attributes: { name: o.name, price: o.price, quantity: o.quantity, sold: o.sold } };
}

export function productResource(p: SimProduct) {
  const permalink = p.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return {
    id: p.id,
    type: 'products',
    // The attributes of the documented product object (help.bigcartel.com/developers/api/v1/products/).
    attributes: {
      name: p.name,
      permalink,
      status: p.status,
      description: '',
      created_at: new Date(p.updatedAt).toISOString(),
      updated_at: new Date(p.updatedAt).toISOString(),
      default_price: '20.00',
      on_sale: false,
      position: 1,
      url: `/product/${permalink}`,
      primary_image_url: 'https://images.bigcartel.com/product_images/1/placeholder.jpg',
    },
    relationships: { options: { data: p.optionIds.map((id) => ({ id, type: 'product_options' })) } },
  };
}

/** The product; its options in `included` only when the request asked for them (`include=options`). */
export function productDocument(state: BigCartelSimState, p: SimProduct, withOptions = true) {
  if (!withOptions) return { data: productResource(p) };
  const options = p.optionIds.map((id) => state.options.get(id)).filter((o): o is SimOption => !!o);
  return { data: productResource(p), included: options.map(optionResource) };
}
