import { chunk } from '@stock-sync/plugin-sdk';
import { positiveIntegerId as parseWooId } from '@stock-sync/plugin-sdk';
import { wooIds } from '../src/connection';

describe('parseWooId', () => {
  it('accepts positive integers only', () => {
    expect(parseWooId('42')).toBe(42);
    for (const bad of ['0', '-1', '1.5', 'abc', '', '007', 'gid://x/1', '99999999999999999999']) expect(parseWooId(bad)).toBeUndefined();
  });
});

describe('wooIds', () => {
  it('reads both ids, or none when either is not a WooCommerce id', () => {
    expect(wooIds({ externalProductId: '7', externalVariantId: '42' })).toEqual({ productId: 7, variationId: 42 });
    expect(wooIds({ externalProductId: 'x', externalVariantId: '42' })).toBeUndefined();
    expect(wooIds({ externalProductId: '7', externalVariantId: '0' })).toBeUndefined();
  });
});

describe('chunk', () => {
  it('splits into pieces of at most n', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});
