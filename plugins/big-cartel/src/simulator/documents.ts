/**
 * Big Cartel's product as the simulator renders it: the JSON:API document (options in `included`) the REST routes
 * answer, and the product object (options inline) a `product.updated` webhook carries.
 */
import type { BigCartelSimState, SimOption, SimProduct } from './state';

export function optionResource(o: SimOption) {
  return { id: o.id, type: 'product_options', attributes: { name: o.name, price: o.price, quantity: o.quantity, sold: o.sold } };
}

/** The attributes of the documented product object (help.bigcartel.com/developers/api/v1/products/). */
function productAttributes(p: SimProduct) {
  const permalink = p.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return {
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
  };
}

const optionsOfProduct = (state: BigCartelSimState, p: SimProduct) =>
  p.optionIds.map((id) => state.options.get(id)).filter((o): o is SimOption => !!o);

export function productResource(p: SimProduct) {
  return {
    id: p.id,
    type: 'products',
    attributes: productAttributes(p),
    relationships: { options: { data: p.optionIds.map((id) => ({ id, type: 'product_options' })) } },
  };
}

/** The product; its options in `included` only when the request asked for them (`include=options`). */
export function productDocument(state: BigCartelSimState, p: SimProduct, withOptions = true) {
  if (!withOptions) return { data: productResource(p) };
  return { data: productResource(p), included: optionsOfProduct(state, p).map(optionResource) };
}

/** The documented product object with its options inline, as a webhook's payload. */
export function productObject(state: BigCartelSimState, p: SimProduct): Record<string, unknown> {
  return {
    id: p.id,
    ...productAttributes(p),
    // options[].id is documented as an integer.
    options: optionsOfProduct(state, p).map((o) => ({
      id: /^\d+$/.test(o.id) ? Number(o.id) : o.id,
      name: o.name,
      price: o.price,
      quantity: o.quantity,
      sold: o.sold,
    })),
  };
}
