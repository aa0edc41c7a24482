import { fromCombination, inheritsStock, toStockUpdate } from '../src/stock-mapping';
import { collapseDuplicates } from '@stock-sync/plugin-sdk';
import { ecwidIds, planWrites } from '../src/connection';

it('maps targets to combination fields and back', () => {
  expect(toStockUpdate({ kind: 'unlimited' })).toEqual({ unlimited: true });
  expect(toStockUpdate({ kind: 'out_of_stock' })).toEqual({ unlimited: false, quantity: 0 });
  expect(toStockUpdate({ kind: 'quantity', quantity: 3 })).toEqual({ unlimited: false, quantity: 3 });
  expect(fromCombination({ unlimited: true, quantity: 0 })).toEqual({ kind: 'unlimited' });
  expect(fromCombination({ unlimited: false, quantity: 0 })).toEqual({ kind: 'out_of_stock' });
  expect(fromCombination({ unlimited: false, quantity: 8 })).toEqual({ kind: 'quantity', quantity: 8 });
  expect(inheritsStock({ unlimited: false })).toBe(true);
  expect(fromCombination({ unlimited: false }, { unlimited: false, quantity: 2 })).toEqual({ kind: 'quantity', quantity: 2 });
});

it('drops in-place writes only when that saves calls', () => {
  const O = { kind: 'out_of_stock' } as const;
  const mk = (n: number, changed: number) =>
    collapseDuplicates(
      Array.from({ length: n }, (_, i) => ({
        externalProductId: '1',
        externalVariantId: String(i + 1),
        target: O,
        previous: i < changed ? ({ kind: 'unlimited' } as const) : O,
      })),
      { ids: ecwidIds },
    ).items;
  expect(planWrites(mk(5, 0), 500).send).toHaveLength(0);
  expect(planWrites(mk(5, 1), 500).send).toHaveLength(1); // 1 PUT instead of a 2-call batch
  expect(planWrites(mk(5, 2), 500).send).toHaveLength(5); // 2 calls either way: the batch re-asserts all for free
  expect(planWrites(mk(5, 3), 500).send).toHaveLength(5); // a batch either way
  expect(planWrites(mk(502, 499), 500).send).toHaveLength(499); // one batch instead of two
});
