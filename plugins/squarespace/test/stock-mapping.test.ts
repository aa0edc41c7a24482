import { adjustmentFor, fromInventoryItem } from '../src/stock-mapping';
import { planItems, planWrites } from '../src/plan';

it('maps targets to adjustment operations and items back', () => {
  expect(
    adjustmentFor([
      { variantId: 'a', target: { kind: 'unlimited' } },
      { variantId: 'b', target: { kind: 'out_of_stock' } },
      { variantId: 'c', target: { kind: 'quantity', quantity: 4 } },
    ]),
  ).toEqual({
    setFiniteOperations: [
      { variantId: 'b', quantity: 0 },
      { variantId: 'c', quantity: 4 },
    ],
    setUnlimitedOperations: ['a'],
  });
  expect(adjustmentFor([{ variantId: 'a', target: { kind: 'unlimited' } }])).toEqual({ setUnlimitedOperations: ['a'] });
  expect(fromInventoryItem({ isUnlimited: true, quantity: 0 })).toEqual({ kind: 'unlimited' });
  expect(fromInventoryItem({ isUnlimited: false, quantity: 0 })).toEqual({ kind: 'out_of_stock' });
  expect(fromInventoryItem({ isUnlimited: false, quantity: -3 })).toEqual({ kind: 'out_of_stock' });
  expect(fromInventoryItem({ isUnlimited: false, quantity: 6 })).toEqual({ kind: 'quantity', quantity: 6 });
});

it('drops in-place writes only when that saves adjustment calls', () => {
  const O = { kind: 'out_of_stock' } as const;
  const mk = (n: number, changed: number) =>
    planItems(
      Array.from({ length: n }, (_, i) => ({
        externalProductId: 'p',
        externalVariantId: `v${i}`,
        target: O,
        previous: i < changed ? ({ kind: 'unlimited' } as const) : O,
      })),
    ).items;
  expect(planWrites(mk(10, 0), 50).send).toHaveLength(0);
  expect(planWrites(mk(10, 3), 50).send).toHaveLength(10);
  expect(planWrites(mk(60, 45), 50).send).toHaveLength(45);
});
