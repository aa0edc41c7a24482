import { adjustmentFor, fromInventoryItem } from '../src/stock-mapping';
import { planIds } from '../src/connection';

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

it('reads the trimmed variant id, or none when it cannot go into a comma list in a URL path', () => {
  expect(planIds({ externalProductId: 'p', externalVariantId: ' v1 ' })).toEqual({ variantId: 'v1' });
  for (const bad of ['a,b', 'a/b', '', 'x'.repeat(129)])
    expect(planIds({ externalProductId: 'p', externalVariantId: bad })).toBeUndefined();
});
