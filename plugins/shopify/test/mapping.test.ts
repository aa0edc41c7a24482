import { Rejected } from '@stock-sync/plugin-api';
import { parseVariantNode, planWrite, toGid, toTargetStock, type VariantState } from '../src/mapping';

const base: VariantState = {
  variantId: 'gid://shopify/ProductVariant/1',
  productId: 'gid://shopify/Product/9',
  inventoryItemId: 'gid://shopify/InventoryItem/5',
  tracked: true,
  inventoryPolicy: 'DENY',
  available: 3,
};
const s = (over: Partial<VariantState>): VariantState => ({ ...base, ...over });

describe('reading Shopify fields as neutral stock', () => {
  it.each([
    ['untracked', s({ tracked: false, available: 0 }), { kind: 'unlimited' }],
    ['tracked, CONTINUE (sells past zero)', s({ inventoryPolicy: 'CONTINUE', available: 0 }), { kind: 'unlimited' }],
    ['tracked, DENY, 0', s({ available: 0 }), { kind: 'out_of_stock' }],
    ['tracked, DENY, oversold −2', s({ available: -2 }), { kind: 'out_of_stock' }],
    ['tracked, DENY, 7', s({ available: 7 }), { kind: 'quantity', quantity: 7 }],
    ['untracked and not stocked at the location', s({ tracked: false, available: null }), { kind: 'unlimited' }],
  ])('%s', (_name, state, expected) => {
    expect(toTargetStock(state)).toEqual(expected);
  });

  it('a tracked variant not stocked at the location cannot be read', () => {
    expect(toTargetStock(s({ available: null }))).toBeInstanceOf(Rejected);
  });
});

describe('planning the fewest fields', () => {
  it('unlimited on a tracked variant: untrack only', () => {
    expect(planWrite(s({}), { kind: 'unlimited' })).toEqual({ update: { id: base.variantId, inventoryItem: { tracked: false } } });
  });
  it('unlimited on an untracked variant: nothing', () => {
    expect(planWrite(s({ tracked: false }), { kind: 'unlimited' })).toEqual({});
  });
  it('out of stock from unlimited: track + DENY, and zero the leftover count', () => {
    expect(planWrite(s({ tracked: false, inventoryPolicy: 'CONTINUE', available: 4 }), { kind: 'out_of_stock' })).toEqual({
      update: { id: base.variantId, inventoryItem: { tracked: true }, inventoryPolicy: 'DENY' },
      set: { inventoryItemId: base.inventoryItemId, quantity: 0, changeFromQuantity: 4 },
    });
  });
  it('out of stock from unlimited with a zero count: tracking only, no quantity call', () => {
    expect(planWrite(s({ tracked: false, available: 0 }), { kind: 'out_of_stock' })).toEqual({
      update: { id: base.variantId, inventoryItem: { tracked: true } },
    });
  });
  it('out of stock when oversold already: nothing', () => {
    expect(planWrite(s({ available: -1 }), { kind: 'out_of_stock' })).toEqual({});
  });
  it('quantity change on a tracked DENY variant: the quantity only, compare-and-set from what was read', () => {
    expect(planWrite(s({ available: 3 }), { kind: 'quantity', quantity: 9 })).toEqual({
      set: { inventoryItemId: base.inventoryItemId, quantity: 9, changeFromQuantity: 3 },
    });
  });
  it('same quantity: nothing', () => {
    expect(planWrite(s({ available: 3 }), { kind: 'quantity', quantity: 3 })).toEqual({});
  });
  it('CONTINUE variant set to a quantity: DENY restored', () => {
    expect(planWrite(s({ inventoryPolicy: 'CONTINUE' }), { kind: 'quantity', quantity: 3 })).toEqual({
      update: { id: base.variantId, inventoryPolicy: 'DENY' },
    });
  });
  it('a counted target where the item is not stocked at the location: stock it there (available 0), then set', () => {
    expect(planWrite(s({ available: null }), { kind: 'quantity', quantity: 1 })).toEqual({
      activate: { inventoryItemId: base.inventoryItemId },
      set: { inventoryItemId: base.inventoryItemId, quantity: 1, changeFromQuantity: 0 },
    });
    expect(planWrite(s({ available: null }), { kind: 'out_of_stock' })).toEqual({ activate: { inventoryItemId: base.inventoryItemId } });
  });
  it('…unless the store turned activation off: Rejected naming the setting', () => {
    const refused = planWrite(s({ available: null }), { kind: 'quantity', quantity: 1 }, { activateAtLocation: false });
    expect(refused).toBeInstanceOf(Rejected);
    expect((refused as Rejected).message).toMatch(/activateItemsAtLocation/);
  });
});

describe('nodes and ids', () => {
  it('parses a READ_VARIANTS node, null and a non-variant node', () => {
    expect(
      parseVariantNode({
        id: 'gid://shopify/ProductVariant/1',
        inventoryPolicy: 'DENY',
        product: { id: 'gid://shopify/Product/9' },
        inventoryItem: {
          id: 'gid://shopify/InventoryItem/5',
          tracked: true,
          inventoryLevel: { quantities: [{ name: 'available', quantity: 3 }] },
        },
      }),
    ).toEqual(base);
    expect(parseVariantNode(null)).toBeUndefined();
    expect(parseVariantNode({})).toBeUndefined();
  });
  it('accepts numeric legacy ids and GIDs', () => {
    expect(toGid('ProductVariant', '123')).toBe('gid://shopify/ProductVariant/123');
    expect(toGid('ProductVariant', 'gid://shopify/ProductVariant/123')).toBe('gid://shopify/ProductVariant/123');
    expect(toGid('Location', ' 71001 ')).toBe('gid://shopify/Location/71001');
  });
});
