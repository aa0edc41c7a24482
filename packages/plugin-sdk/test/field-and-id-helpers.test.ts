import { positiveIntegerId, tokenExpiryFields } from '../src';

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
