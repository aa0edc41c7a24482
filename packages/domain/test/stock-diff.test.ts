import { describeStockDiff, DesiredStock, diffStock, OUT_OF_STOCK, quantity, UNLIMITED } from '../src';

const computed = (stock: DesiredStock['stock']): DesiredStock => ({ basis: 'computed', stock: stock! });

describe('diffStock', () => {
  it('writes a computed state that differs from the last write', () => {
    expect(diffStock(computed(OUT_OF_STOCK), UNLIMITED)).toEqual({ action: 'write', from: UNLIMITED, to: OUT_OF_STOCK });
    expect(diffStock(computed(quantity(3)), quantity(4))).toEqual({ action: 'write', from: quantity(4), to: quantity(3) });
  });

  it('writes when nothing was ever written (from is null)', () => {
    expect(diffStock(computed(UNLIMITED), null)).toEqual({ action: 'write', from: null, to: UNLIMITED });
    expect(diffStock(computed(quantity(0)), undefined)).toEqual({ action: 'write', from: null, to: quantity(0) });
  });

  it('leaves an equal state unchanged', () => {
    expect(diffStock(computed(UNLIMITED), { kind: 'unlimited' })).toEqual({ action: 'unchanged', stock: UNLIMITED });
    expect(diffStock(computed(quantity(7)), quantity(7))).toEqual({ action: 'unchanged', stock: quantity(7) });
  });

  it('distinguishes out_of_stock from quantity 0 (different platform forms)', () => {
    expect(diffStock(computed(quantity(0)), OUT_OF_STOCK).action).toBe('write');
  });

  it('keeps a last-known state unchanged when it is what was written', () => {
    expect(diffStock({ basis: 'last_known', stock: UNLIMITED, reason: 'x' }, UNLIMITED)).toEqual({ action: 'unchanged', stock: UNLIMITED });
  });

  it('writes a last-known decision that never reached the store (e.g. a failed write)', () => {
    expect(diffStock({ basis: 'last_known', stock: OUT_OF_STOCK, reason: 'x' }, UNLIMITED)).toEqual({
      action: 'write',
      from: UNLIMITED,
      to: OUT_OF_STOCK,
    });
  });

  it('never writes an unknown desired state', () => {
    expect(diffStock({ basis: 'unknown', stock: null, reason: 'no facility has reported this variant' }, UNLIMITED)).toEqual({
      action: 'skip',
      reason: 'no facility has reported this variant',
    });
    expect(diffStock({ basis: 'unknown', stock: null, reason: 'r' }, null).action).toBe('skip');
  });

  it('describes each action in one line', () => {
    expect(describeStockDiff(diffStock(computed(OUT_OF_STOCK), UNLIMITED))).toBe('unlimited → out_of_stock');
    expect(describeStockDiff(diffStock(computed(quantity(2)), null))).toBe('unknown → quantity 2');
    expect(describeStockDiff(diffStock(computed(UNLIMITED), UNLIMITED))).toBe('unchanged (unlimited)');
    expect(describeStockDiff({ action: 'skip', reason: 'why' })).toBe('skipped: why');
  });
});
