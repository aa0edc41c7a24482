import {
  CONTRACT_VERSION,
  defineManifest,
  documentedNotice,
  isJsonObject,
  jsonBodyOf,
  manifestFromJson,
  validatePlugin,
  wholeUnits,
} from '../src';

describe('defineManifest', () => {
  const facts = {
    id: 'acme',
    displayName: 'Acme',
    capabilities: { unlimitedStock: 'emulated' as const, maxBatch: 50 },
    rateLimit: { requestsPerSecond: 2, burst: 4, note: 'Acme: 2/s' },
    docsUrl: 'https://acme.example/docs',
  };

  it('adds the contract version and the deprecated readBack flag to the facts, in the usual key order', () => {
    const manifest = defineManifest(facts);
    expect(manifest).toEqual({
      id: 'acme',
      displayName: 'Acme',
      contractVersion: CONTRACT_VERSION,
      capabilities: { unlimitedStock: 'emulated', maxBatch: 50, readBack: true },
      rateLimit: { requestsPerSecond: 2, burst: 4, note: 'Acme: 2/s' },
      docsUrl: 'https://acme.example/docs',
    });
    expect(Object.keys(manifest)).toEqual(['id', 'displayName', 'contractVersion', 'capabilities', 'rateLimit', 'docsUrl']);
    expect(Object.keys(manifest.capabilities)).toEqual(['unlimitedStock', 'maxBatch', 'readBack']);
  });

  it('keeps the facts it is given and passes the load-time check', () => {
    const manifest = defineManifest({ ...facts, capabilities: { ...facts.capabilities, webhooks: false } });
    expect(manifest.capabilities.webhooks).toBe(false);
    expect(facts.capabilities).toEqual({ unlimitedStock: 'emulated', maxBatch: 50 });
    const plugin = { manifest, credentialFields: [], connect: () => ({}) };
    expect(validatePlugin(plugin)).toEqual({ ok: true, plugin });
  });
});

describe('manifestFromJson', () => {
  const data = {
    $schema: 'https://stock-sync.dev/schemas/plugin-api/1/manifest.json',
    id: 'acme',
    displayName: 'Acme',
    capabilities: { unlimitedStock: 'native', maxBatch: 10 },
    rateLimit: { requestsPerSecond: 2, burst: 4 },
    credentialFields: [{ name: 'apiKey', secret: true, required: true, description: 'the key' }],
  };

  it('reads the manifest as defineManifest fills it, and the credential fields apart; $schema is not kept', () => {
    const facts = manifestFromJson(JSON.parse(JSON.stringify(data)));
    expect(facts.manifest).toEqual({
      id: 'acme',
      displayName: 'Acme',
      contractVersion: CONTRACT_VERSION,
      capabilities: { unlimitedStock: 'native', maxBatch: 10, readBack: true },
      rateLimit: { requestsPerSecond: 2, burst: 4 },
    });
    expect(facts.credentialFields).toEqual(data.credentialFields);
    expect(validatePlugin({ ...facts, connect: () => ({}) }).ok).toBe(true);
  });

  it('refuses data the host would refuse, naming the plugin and the field', () => {
    expect(() => manifestFromJson([data])).toThrow('manifest.json must hold a JSON object');
    expect(() => manifestFromJson({ ...data, capabilities: { unlimitedStock: 'sometimes', maxBatch: 10 } })).toThrow(
      /^manifest\.json of 'acme' is not valid: manifest\.capabilities\.unlimitedStock/,
    );
    expect(() => manifestFromJson({ ...data, rateLimit: undefined })).toThrow(/manifest\.rateLimit/);
    expect(() => manifestFromJson({ ...data, credentialFields: undefined })).toThrow(/credentialFields must be an array/);
    const twice = [data.credentialFields[0], data.credentialFields[0]];
    expect(() => manifestFromJson({ ...data, credentialFields: twice })).toThrow(
      "credentialFields[1].name 'apiKey' is declared more than once",
    );
    expect(() => manifestFromJson({ ...data, credentialFields: [{ name: 'baseUrl', secret: true, required: false }] })).toThrow(
      "credentialFields[0].secret must be false for the standard 'baseUrl' field",
    );
  });
});

describe('isJsonObject', () => {
  it('is true for objects only', () => {
    expect(isJsonObject({})).toBe(true);
    expect(isJsonObject({ a: 1 })).toBe(true);
    for (const v of [null, undefined, [], [1], 'x', 1, true]) expect(isJsonObject(v)).toBe(false);
  });
});

describe('documentedNotice', () => {
  const notice = documentedNotice('Acme', { store: 'store_id', event: 'event', id: 'id' });
  const body = { store_id: 123, event: 'product/updated', id: 456 };

  it('reads the documented fields: the store id as text, the entity id as sent', () => {
    expect(notice.parse(body)).toEqual({ event: 'product/updated', storeId: '123', id: 456 });
    expect(notice.parse({ ...body, store_id: ' s1 ', id: 'x' })).toEqual({ event: 'product/updated', storeId: 's1', id: 'x' });
  });

  it('throws on a body that is not an object, or has no event or store id, naming the field', () => {
    expect(() => notice.parse('x')).toThrow(new Error('Acme: a webhook object was expected'));
    expect(() => notice.parse([body])).toThrow(new Error('Acme: a webhook object was expected'));
    expect(() => notice.parse({ ...body, event: '' })).toThrow(new Error('the webhook has no event'));
    expect(() => notice.parse({ ...body, event: 7 })).toThrow(new Error('the webhook has no event'));
    expect(() => notice.parse({ ...body, store_id: '' })).toThrow(new Error('the webhook has no store_id'));
    expect(() => notice.parse({ ...body, store_id: undefined })).toThrow(new Error('the webhook has no store_id'));
  });

  it('storeOf: the store id, or undefined where parse throws', () => {
    expect(notice.storeOf(body)).toBe('123');
    expect(notice.storeOf({ ...body, event: undefined })).toBeUndefined();
    expect(notice.storeOf(null)).toBeUndefined();
  });

  it('productIds: the product of a listed event as text, none for other events, a throw for a bad id', () => {
    expect(notice.productIds(body, ['product/updated'])).toEqual(['456']);
    expect(notice.productIds({ ...body, id: '789' }, ['product/updated'])).toEqual(['789']);
    expect(notice.productIds(body, ['order/paid'])).toEqual([]);
    expect(notice.productIds({ ...body, id: 'abc' }, ['order/paid'])).toEqual([]);
    for (const id of ['abc', -1, 0, '012', undefined, 1.5])
      expect(() => notice.productIds({ ...body, id }, ['product/updated'])).toThrow(
        new Error('product/updated without a product id in id'),
      );
    expect(() => notice.productIds({ store_id: 1 }, ['product/updated'])).toThrow(new Error('the webhook has no event'));
  });
});

describe('jsonBodyOf', () => {
  it('is the body when it is an object, or the object the JSON text holds', () => {
    const body = { errors: [{ code: 'X' }] };
    expect(jsonBodyOf(body)).toBe(body);
    expect(jsonBodyOf(JSON.stringify(body))).toEqual(body);
  });

  it('is undefined for cut-short or non-JSON text, arrays, scalars and null, as text or as values', () => {
    for (const v of ['{"errors":[{"code"', 'Bad Gateway', '', '[1]', '3', 'null', '"x"', [1], 3, null, undefined, true])
      expect(jsonBodyOf(v)).toBeUndefined();
  });
});

describe('wholeUnits', () => {
  it('floors numbers and decimal strings, never below 0', () => {
    expect(wholeUnits(7)).toBe(7);
    expect(wholeUnits('3.9')).toBe(3);
    expect(wholeUnits(2.5)).toBe(2);
    expect(wholeUnits('-2')).toBe(0);
    expect(wholeUnits(-0.5)).toBe(0);
  });

  it('is 0 for what is not a finite number', () => {
    for (const v of [undefined, 'abc', NaN, Infinity, '-Infinity', {}]) expect(wholeUnits(v)).toBe(0);
  });
});
