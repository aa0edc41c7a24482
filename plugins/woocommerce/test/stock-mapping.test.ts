import { explainMismatch, fromVariationStock, toVariationUpdate } from '../src/stock-mapping';

describe('TargetStock → variation fields', () => {
  it('unlimited is untracked and in stock', () => {
    expect(toVariationUpdate(7, { kind: 'unlimited' })).toEqual({ id: 7, manage_stock: false, stock_status: 'instock' });
  });
  it('out of stock is untracked and sold out', () => {
    expect(toVariationUpdate(7, { kind: 'out_of_stock' })).toEqual({ id: 7, manage_stock: false, stock_status: 'outofstock' });
  });
  it('a quantity turns tracking on and sends no stock_status (core derives it)', () => {
    expect(toVariationUpdate(7, { kind: 'quantity', quantity: 12 })).toEqual({ id: 7, manage_stock: true, stock_quantity: 12 });
  });
});

describe('variation fields → TargetStock', () => {
  it.each([
    [{ manage_stock: false, stock_quantity: null, stock_status: 'instock' }, { kind: 'unlimited' }],
    [{ manage_stock: false, stock_quantity: null, stock_status: 'outofstock' }, { kind: 'out_of_stock' }],
    [{ manage_stock: false, stock_quantity: null, stock_status: 'onbackorder' }, { kind: 'unlimited' }],
    [
      { manage_stock: true, stock_quantity: 5, stock_status: 'instock' },
      { kind: 'quantity', quantity: 5 },
    ],
    [
      { manage_stock: true, stock_quantity: 0, stock_status: 'outofstock' },
      { kind: 'quantity', quantity: 0 },
    ],
    [
      { manage_stock: true, stock_quantity: -3, stock_status: 'onbackorder' },
      { kind: 'quantity', quantity: 0 },
    ],
    [
      { manage_stock: 'parent', stock_quantity: 9, stock_status: 'instock' },
      { kind: 'quantity', quantity: 9 },
    ],
    [
      { manage_stock: true, stock_quantity: null, stock_status: 'outofstock' },
      { kind: 'quantity', quantity: 0 },
    ],
  ] as const)('%j reads as %j', (fields, expected) => {
    expect(fromVariationStock(fields)).toEqual(expected);
  });
});

describe('explainMismatch', () => {
  it('is silent when the echo shows the target', () => {
    expect(
      explainMismatch({ kind: 'quantity', quantity: 3 }, { manage_stock: true, stock_quantity: 3, stock_status: 'instock' }),
    ).toBeUndefined();
    expect(
      explainMismatch({ kind: 'out_of_stock' }, { manage_stock: false, stock_quantity: null, stock_status: 'outofstock' }),
    ).toBeUndefined();
  });
  it('names parent-level stock management', () => {
    expect(explainMismatch({ kind: 'out_of_stock' }, { manage_stock: 'parent', stock_quantity: 4, stock_status: 'instock' })).toMatch(
      /parent product manages stock/,
    );
  });
  it('names the store-wide stock management switch', () => {
    expect(explainMismatch({ kind: 'quantity', quantity: 4 }, { manage_stock: false, stock_quantity: 4, stock_status: 'instock' })).toMatch(
      /stock management disabled/,
    );
  });
});
