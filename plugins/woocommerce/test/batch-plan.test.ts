import { chunk, type StockWrite } from '@stock-sync/plugin-sdk';
import { groupByProduct, parseWooId, planProductWrites } from '../src/batch-plan';

const w = (p: string, v: string, target: StockWrite['target'], previous?: StockWrite['target']): StockWrite => ({
  externalProductId: p,
  externalVariantId: v,
  target,
  previous,
});
const U = { kind: 'unlimited' } as const;
const O = { kind: 'out_of_stock' } as const;

describe('parseWooId', () => {
  it('accepts positive integers only', () => {
    expect(parseWooId('42')).toBe(42);
    for (const bad of ['0', '-1', '1.5', 'abc', '', '007', 'gid://x/1', '99999999999999999999']) expect(parseWooId(bad)).toBeUndefined();
  });
});

describe('groupByProduct', () => {
  it('groups by product in first-seen order and collapses duplicates (last wins)', () => {
    const inputs = [w('10', '1', U), w('20', '2', U), w('10', '3', O), w('10', '1', O), w('x', '1', U)];
    const { groups, invalid } = groupByProduct(inputs);
    expect(invalid).toEqual([4]);
    expect(groups.map((g) => g.productId)).toEqual([10, 20]);
    const first = groups[0].items;
    expect(first.map((i) => [i.variationId, i.indexes])).toEqual([
      [1, [0, 3]],
      [3, [2]],
    ]);
    expect(first[0].input.target).toEqual(O);
  });
});

describe('planProductWrites', () => {
  const items = (n: number, unchanged: number) =>
    groupByProduct(Array.from({ length: n }, (_, i) => w('1', String(i + 1), O, i < unchanged ? O : U))).groups[0].items;

  it('sends writes believed in place along with real changes (free re-assert)', () => {
    expect(planProductWrites(items(50, 5))).toMatchObject({ send: { length: 50 }, skipped: [] });
    expect(planProductWrites(items(103, 3))).toMatchObject({ send: { length: 103 }, skipped: [] });
  });
  it('skips a product whose writes are all in place', () => {
    const plan = planProductWrites(items(4, 4));
    expect(plan.send).toHaveLength(0);
    expect(plan.skipped).toHaveLength(4);
  });
  it('never skips on a write without previous', () => {
    const plan = planProductWrites(groupByProduct([w('1', '1', O)]).groups[0].items);
    expect(plan.send).toHaveLength(1);
  });
});

describe('chunk', () => {
  it('splits into pieces of at most n', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});
