import { OUT_OF_STOCK as O, UNLIMITED as U } from '@stock-sync/plugin-api';
import { fromV1Variant, fromV3Item, planV1Patch, toV3Fields } from '../src/mapping';

it('V3: fields and reading', () => {
  expect(toV3Fields(U)).toEqual({ inStock: true });
  expect(toV3Fields(O)).toEqual({ inStock: false });
  expect(toV3Fields({ kind: 'quantity', quantity: 0 })).toEqual({ inStock: false });
  expect(toV3Fields({ kind: 'quantity', quantity: 3 })).toEqual({ quantity: 3 });
  expect(fromV3Item({ trackQuantity: true, quantity: -1 })).toEqual(O);
  expect(fromV3Item({ trackQuantity: false, inStock: true })).toEqual(U);
});

it('V1: tracking follows whether any variant needs a count', () => {
  const item = {
    productId: 'p',
    trackQuantity: false,
    variants: [
      { variantId: 'a', inStock: true },
      { variantId: 'b', inStock: false },
    ],
  };
  expect(planV1Patch(item, new Map([['a', U]]))).toBeUndefined();
  expect(planV1Patch(item, new Map([['a', O]]))).toEqual({
    inventoryItem: { trackQuantity: false, variants: [{ variantId: 'a', inStock: false }] },
  });
  expect(planV1Patch(item, new Map([['b', { kind: 'quantity', quantity: 2 }]]))).toEqual({
    inventoryItem: {
      trackQuantity: true,
      variants: [
        { variantId: 'a', quantity: 99_999 },
        { variantId: 'b', quantity: 2 },
      ],
    },
  });
  expect(fromV1Variant(true, { variantId: 'a', quantity: 90_000 })).toEqual(U);
  expect(fromV1Variant(true, { variantId: 'a', quantity: 12 })).toEqual({ kind: 'quantity', quantity: 12 });
});
