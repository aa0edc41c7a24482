import { CONTRACT_MAJOR, CONTRACT_VERSION, describeTargetStock, OUT_OF_STOCK, quantity, sameTargetStock, UNLIMITED } from '../src';

describe('target stock values', () => {
  it('compares and describes', () => {
    expect(sameTargetStock(quantity(3), { kind: 'quantity', quantity: 3 })).toBe(true);
    expect(sameTargetStock(UNLIMITED, OUT_OF_STOCK)).toBe(false);
    expect(sameTargetStock(null, undefined)).toBe(true);
    expect(describeTargetStock(quantity(2))).toBe('quantity 2');
    expect(() => quantity(-1)).toThrow(RangeError);
  });
});

describe('version', () => {
  it('is semver and its major is CONTRACT_MAJOR', () => {
    expect(CONTRACT_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Number(CONTRACT_VERSION.split('.')[0])).toBe(CONTRACT_MAJOR);
  });
});
