import { quantity, sameTargetStock, UNLIMITED, OUT_OF_STOCK } from '../src';

describe('target stock', () => {
  it('compares kinds and quantities', () => {
    expect(sameTargetStock(UNLIMITED, { kind: 'unlimited' })).toBe(true);
    expect(sameTargetStock(quantity(3), quantity(3))).toBe(true);
    expect(sameTargetStock(quantity(3), quantity(4))).toBe(false);
    expect(sameTargetStock(OUT_OF_STOCK, quantity(0))).toBe(false);
    expect(sameTargetStock(null, undefined)).toBe(true);
    expect(sameTargetStock(null, UNLIMITED)).toBe(false);
  });
  it('refuses negative or fractional quantities', () => {
    expect(() => quantity(-1)).toThrow(RangeError);
    expect(() => quantity(1.5)).toThrow(/whole number/);
  });
});
