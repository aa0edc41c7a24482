/**
 * productVariantsBulkUpdate, the inventory part of it: inventoryPolicy and inventoryItem.tracked
 * (plus sku) for variants of ONE product
 * (https://shopify.dev/docs/api/admin-graphql/2026-04/mutations/productVariantsBulkUpdate).
 * Without allowPartialUpdates one invalid variant blocks them all; with it the valid ones apply.
 * inventoryQuantities is refused on update, as Shopify does (use the inventory mutations).
 */
import { GraphQLError } from 'graphql';
import { itemOf, liveVariant, type ShopifyState, type SimVariant } from './state';
import { productView, variantView } from './views';
import { deliverProductsUpdate } from './product-webhook';

interface VariantInput {
  id?: string | null;
  inventoryPolicy?: 'DENY' | 'CONTINUE' | null;
  inventoryItem?: { tracked?: boolean | null; sku?: string | null } | null;
  inventoryQuantities?: unknown[] | null;
  [other: string]: unknown;
}

interface Args {
  productId: string;
  variants: VariantInput[];
  allowPartialUpdates?: boolean | null;
  media?: unknown[] | null;
}

/** Inputs this simulator models; anything else would be silently lost, so it is refused loudly. */
const MODELLED = new Set(['id', 'inventoryPolicy', 'inventoryItem', 'inventoryQuantities']);
const MODELLED_ITEM = new Set(['tracked', 'sku']);

export function productVariantsBulkUpdate(state: ShopifyState, args: Args): unknown {
  if (args.media && args.media.length > 0) throw new GraphQLError('simulator: media is not modelled');
  const product = state.products.get(args.productId);
  if (!product) {
    return {
      product: null,
      productVariants: null,
      userErrors: [{ code: 'PRODUCT_DOES_NOT_EXIST', field: ['productId'], message: 'Product does not exist' }],
    };
  }
  const userErrors: Array<{ code: string; field: string[]; message: string }> = [];
  const valid: Array<{ v: SimVariant; input: VariantInput }> = [];
  args.variants.forEach((input, i) => {
    const at = (leaf: string) => ['variants', String(i), leaf];
    for (const k of Object.keys(input))
      if (!MODELLED.has(k)) throw new GraphQLError(`simulator: ProductVariantsBulkInput.${k} is not modelled`);
    for (const k of Object.keys(input.inventoryItem ?? {}))
      if (!MODELLED_ITEM.has(k)) throw new GraphQLError(`simulator: InventoryItemInput.${k} is not modelled`);
    if (!input.id) {
      userErrors.push({ code: 'PRODUCT_VARIANT_ID_MISSING', field: at('id'), message: 'Product variant is missing ID attribute' });
      return;
    }
    const v = liveVariant(state, input.id);
    if (!v || v.productId !== product.id) {
      userErrors.push({ code: 'PRODUCT_VARIANT_DOES_NOT_EXIST', field: at('id'), message: 'Product variant does not exist' });
      return;
    }
    if (input.inventoryQuantities) {
      userErrors.push({
        code: 'NO_INVENTORY_QUANTITIES_ON_VARIANTS_UPDATE',
        field: at('inventoryQuantities'),
        message:
          'Inventory quantities can only be provided during create. To update inventory for existing variants, use inventoryAdjustQuantities.',
      });
      return;
    }
    valid.push({ v, input });
  });
  const apply = userErrors.length === 0 || args.allowPartialUpdates === true;
  if (apply) {
    for (const { v, input } of valid) {
      if (input.inventoryPolicy) v.inventoryPolicy = input.inventoryPolicy;
      const item = itemOf(state, v);
      if (input.inventoryItem?.tracked !== undefined && input.inventoryItem.tracked !== null) item.tracked = input.inventoryItem.tracked;
      if (input.inventoryItem?.sku !== undefined) {
        item.sku = input.inventoryItem.sku ?? null;
        v.sku = item.sku;
      }
    }
  }
  if (apply && valid.length > 0) deliverProductsUpdate(state, [product.id]);
  return {
    product: productView(state, product.id),
    productVariants: apply ? valid.map(({ v }) => variantView(state, v)) : [],
    userErrors,
  };
}
