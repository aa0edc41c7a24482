import { countedQuantity, emulatedUnlimited, positiveIntegerId, tokenExpiryFields, zeroIsOutOfStock } from '../src';

describe('tokenExpiryFields', () => {
  it('declares both expiries, optional and not secret, with the lifetimes in their descriptions', () => {
    expect(tokenExpiryFields({ access: 'an hour', refresh: '90 days' })).toEqual([
      {
        name: 'accessTokenExpiresAt',
        secret: false,
        required: false,
        description: 'ISO-8601 instant the access token expires (an hour); set by the connect flow and every refresh.',
      },
      {
        name: 'refreshTokenExpiresAt',
        secret: false,
        required: false,
        description: 'ISO-8601 instant the refresh token expires (90 days); set by the connect flow and every refresh.',
      },
    ]);
  });

  it('declares only the access expiry when the refresh token has no lifetime', () => {
    expect(tokenExpiryFields({ access: 'four hours' })).toEqual([
      {
        name: 'accessTokenExpiresAt',
        secret: false,
        required: false,
        description: 'ISO-8601 instant the access token expires (four hours); set by the connect flow and every refresh.',
      },
    ]);
  });
});

describe('positiveIntegerId', () => {
  it.each([
    ['1', 1],
    ['42', 42],
    ['9007199254740991', 9007199254740991],
  ])('reads %s as %d', (raw, id) => expect(positiveIntegerId(raw)).toBe(id));

  it.each(['', '0', '007', '-1', '+1', '1.5', '1e3', ' 1', '1 ', 'x1', '9007199254740992', '12345678901234567'])('refuses %j', (raw) =>
    expect(positiveIntegerId(raw)).toBeUndefined(),
  );
});

describe('zeroIsOutOfStock', () => {
  const zero = { kind: 'quantity', quantity: 0 } as const;
  const out = { kind: 'out_of_stock' } as const;
  it('holds a quantity of 0 and out of stock for one state, either way round', () => {
    expect(zeroIsOutOfStock(zero, out)).toBe(true);
    expect(zeroIsOutOfStock(out, zero)).toBe(true);
    expect(zeroIsOutOfStock(zero, zero)).toBe(true);
  });
  it('compares everything else as the neutral form does', () => {
    expect(zeroIsOutOfStock({ kind: 'quantity', quantity: 1 }, out)).toBe(false);
    expect(zeroIsOutOfStock(out, { kind: 'quantity', quantity: 1 })).toBe(false);
    expect(zeroIsOutOfStock({ kind: 'quantity', quantity: 3 }, { kind: 'quantity', quantity: 3 })).toBe(true);
    expect(zeroIsOutOfStock({ kind: 'unlimited' }, zero)).toBe(false);
    expect(zeroIsOutOfStock(zero, { kind: 'unlimited' })).toBe(false);
    expect(zeroIsOutOfStock({ kind: 'unlimited' }, { kind: 'unlimited' })).toBe(true);
  });
});

describe('countedQuantity', () => {
  it('a quantity is its count, sold out is 0, unlimited and unknown have none', () => {
    expect(countedQuantity({ kind: 'quantity', quantity: 7 })).toBe(7);
    expect(countedQuantity({ kind: 'quantity', quantity: 0 })).toBe(0);
    expect(countedQuantity({ kind: 'out_of_stock' })).toBe(0);
    expect(countedQuantity({ kind: 'unlimited' })).toBeUndefined();
    expect(countedQuantity(null)).toBeUndefined();
    expect(countedQuantity(undefined)).toBeUndefined();
  });
});

describe('emulatedUnlimited', () => {
  const capped = emulatedUnlimited({ count: 999, readFrom: 900, max: 950 });
  const uncapped = emulatedUnlimited({ count: 999, readFrom: 900 });

  it('writes unlimited as the count, out of stock as 0 and a quantity as asked, capped at max', () => {
    expect(capped.countFor({ kind: 'unlimited' })).toBe(999);
    expect(capped.countFor({ kind: 'out_of_stock' })).toBe(0);
    expect(capped.countFor({ kind: 'quantity', quantity: 7 })).toBe(7);
    expect(capped.countFor({ kind: 'quantity', quantity: 2000 })).toBe(950);
    expect(uncapped.countFor({ kind: 'quantity', quantity: 2000 })).toBe(2000);
  });

  it.each([
    [0, { kind: 'out_of_stock' }],
    [-3, { kind: 'out_of_stock' }],
    [0.5, { kind: 'out_of_stock' }],
    [1, { kind: 'quantity', quantity: 1 }],
    [7.9, { kind: 'quantity', quantity: 7 }],
    [899, { kind: 'quantity', quantity: 899 }],
    [900, { kind: 'unlimited' }],
    [999, { kind: 'unlimited' }],
    [NaN, { kind: 'out_of_stock' }],
    [Infinity, { kind: 'out_of_stock' }],
    ['12', { kind: 'out_of_stock' }],
    [undefined, { kind: 'out_of_stock' }],
  ])('reads %p as %p', (n, stock) => expect(uncapped.stockOf(n)).toEqual(stock));
});
