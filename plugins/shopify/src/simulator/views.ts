/**
 * The shop's objects as graphql-js execution sees them: plain objects whose properties are values
 * or resolver functions (args) => value. `__typename` lets the Node interface resolve.
 * Only the fields the plugin (and a curious test) reads are modelled; an unmodelled nullable field
 * answers null, an unmodelled non-null one an execution error — never a made-up value.
 */
import { GraphQLError } from 'graphql';
import { availableForSale, inventoryQuantity } from './store-ops';
import { itemOf, liveVariant, type ShopifyState, type SimInventoryItem, type SimLocation, type SimVariant } from './state';

/** Quantity names Shopify keeps per level (https://shopify.dev/docs/apps/build/orders-fulfillment/inventory-management-apps/manage-quantities-states). */
export const QUANTITY_NAMES = [
  'available',
  'on_hand',
  'committed',
  'incoming',
  'reserved',
  'damaged',
  'safety_stock',
  'quality_control',
] as const;

function numericPart(gid: string): string {
  return gid.slice(gid.lastIndexOf('/') + 1);
}

export function locationView(l: SimLocation) {
  return { __typename: 'Location', id: l.id, name: l.name, isActive: l.isActive };
}

export function levelView(state: ShopifyState, item: SimInventoryItem, locationId: string) {
  const level = item.levels.get(locationId);
  const location = state.locations.get(locationId);
  if (!level || !location) return null;
  const quantityOf = (name: string): number => {
    if (name === 'available') return level.available;
    if (name === 'committed') return level.committed;
    if (name === 'on_hand') return level.available + level.committed;
    return 0;
  };
  return {
    __typename: 'InventoryLevel',
    id: `gid://shopify/InventoryLevel/${numericPart(item.id)}?inventory_item_id=${numericPart(item.id)}&location_id=${numericPart(locationId)}`,
    location: () => locationView(location),
    updatedAt: level.updatedAt,
    quantities: ({ names }: { names: string[] }) =>
      names.map((name) => {
        if (!(QUANTITY_NAMES as readonly string[]).includes(name)) {
          throw new GraphQLError(`${name} is not a valid inventory quantity name`);
        }
        return {
          __typename: 'InventoryQuantity',
          id: `${item.id}/${numericPart(locationId)}/${name}`,
          name,
          quantity: quantityOf(name),
          updatedAt: level.updatedAt,
        };
      }),
  };
}

export function inventoryItemView(state: ShopifyState, item: SimInventoryItem): Record<string, unknown> {
  return {
    __typename: 'InventoryItem',
    id: item.id,
    legacyResourceId: numericPart(item.id),
    tracked: item.tracked,
    sku: item.sku,
    inventoryLevel: ({ locationId }: { locationId: string }) => levelView(state, item, locationId),
    variant: () => {
      const v = liveVariant(state, item.variantId);
      return v ? variantView(state, v) : null;
    },
  };
}

export function productView(state: ShopifyState, productId: string): Record<string, unknown> | null {
  const p = state.products.get(productId);
  if (!p) return null;
  return { __typename: 'Product', id: p.id, title: p.title, legacyResourceId: numericPart(p.id) };
}

export function variantView(state: ShopifyState, v: SimVariant): Record<string, unknown> {
  return {
    __typename: 'ProductVariant',
    id: v.id,
    legacyResourceId: numericPart(v.id),
    title: v.title,
    displayName: v.title,
    sku: v.sku,
    inventoryPolicy: v.inventoryPolicy,
    // Derived by Shopify, never stored: the simulator computes them the same way.
    inventoryQuantity: () => inventoryQuantity(state, v),
    availableForSale: () => availableForSale(state, v),
    product: () => productView(state, v.productId),
    inventoryItem: () => inventoryItemView(state, itemOf(state, v)),
  };
}

/** What `node(id:)` / `nodes(ids:)` answer for one id: the object, or null when nothing has it. */
export function nodeView(state: ShopifyState, id: string): Record<string, unknown> | null {
  if (!/^gid:\/\/shopify\/[A-Za-z]+\/[^/]+$/.test(id)) {
    throw new GraphQLError(`Invalid global id '${id}'`, { extensions: { code: 'argumentLiteralsIncompatible' } });
  }
  const v = liveVariant(state, id);
  if (v) return variantView(state, v);
  if (state.products.has(id)) return productView(state, id);
  const item = state.inventoryItems.get(id);
  if (item) return inventoryItemView(state, item);
  const location = state.locations.get(id);
  if (location) return locationView(location);
  return null;
}
