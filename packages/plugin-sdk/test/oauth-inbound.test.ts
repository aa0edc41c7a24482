/** idText and jsonObjectOf: how plugins read ids, tokens and notice bodies the platforms send. */
import { idText, jsonObjectOf, storeFromToken } from '../src';

describe('idText', () => {
  it('keeps a non-empty string, trimmed', () => {
    expect(idText('  abc ')).toBe('abc');
    expect(idText('0')).toBe('0');
  });
  it('writes a finite number as its decimal text', () => {
    expect(idText(12345)).toBe('12345');
    expect(idText(0)).toBe('0');
    expect(idText(-1.5)).toBe('-1.5');
  });
  it('refuses blank strings, non-finite numbers and anything else', () => {
    for (const v of ['', '   ', Number.NaN, Number.POSITIVE_INFINITY, null, undefined, true, {}, ['1']]) expect(idText(v)).toBeUndefined();
  });
});

describe('jsonObjectOf', () => {
  const req = (text: string) => ({ rawBody: Buffer.from(text, 'utf8') });
  it('parses the exact bytes as a JSON object', () => {
    expect(jsonObjectOf(req('{"event":"app/uninstalled","store_id":7}'))).toEqual({ event: 'app/uninstalled', store_id: 7 });
  });
  it('is undefined for what is not JSON, or JSON that is not an object', () => {
    for (const t of ['', 'not json', '{"a":', 'null', '[]', '[{"a":1}]', '42', '"text"', 'true'])
      expect(jsonObjectOf(req(t))).toBeUndefined();
  });
});

describe('storeFromToken', () => {
  const toStore = storeFromToken('Acme', 'store_id');

  it('gives the token and the store id as credentials, the store id naming the store', () => {
    expect(toStore({ access_token: ' tok ', store_id: 42 })).toStrictEqual({
      credentials: { storeId: '42', accessToken: 'tok' },
      externalStoreId: '42',
    });
  });

  it('names what the answer lacks', () => {
    expect(() => toStore({ store_id: '42' })).toThrow(new Error('Acme token answer has no access_token'));
    expect(() => toStore({})).toThrow(new Error('Acme token answer has no access_token'));
    expect(() => toStore({ access_token: 'tok', store_id: '' })).toThrow(new Error('Acme token answer has no store_id'));
  });
});
