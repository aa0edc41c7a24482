import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOpenApiSpec, openApiBodyValidator, openApiResponseValidator } from '../src';

const spec = loadOpenApiSpec(join(__dirname, 'fixtures/mini-openapi.json'));

describe('openApiBodyValidator', () => {
  const stock = openApiBodyValidator(spec, 'PUT', '/items/{item_id}/stock');

  it('accepts a conforming body, with nullable fields null and $refs resolved', () => {
    expect(stock({ quantity: 5, sku: null, state: null, location: null })).toEqual({ ok: true });
    expect(stock({ quantity: 0, state: 'active', location: { id: 3 } })).toEqual({ ok: true });
  });

  it('rejects what the spec forbids, naming where', () => {
    const r = stock({ quantity: -1, state: 'gone', location: {}, extra: 1 });
    expect(r.ok).toBe(false);
    const errors = (r as { errors: string[] }).errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        '/quantity must be >= 0',
        "(body) has unknown property 'extra'",
        "/location must have required property 'id'",
      ]),
    );
    expect(errors.some((e) => e.startsWith('/state'))).toBe(true);
    expect(stock({ quantity: 1000 }).ok).toBe(false); // OpenAPI 3.0 boolean exclusiveMaximum
    expect(stock({ quantity: '5' }).ok).toBe(false); // JSON bodies are not coerced
    expect(stock(undefined)).toEqual({ ok: false, errors: ['(body) is required'] });
  });

  it('validates form bodies with coercion, without touching the input', () => {
    const form = openApiBodyValidator(spec, 'post', '/items/{item_id}/form');
    const body = { quantity: '7', enabled: 'true' };
    expect(form(body)).toEqual({ ok: true });
    expect(body.quantity).toBe('7');
    expect(form({ quantity: 'seven' }).ok).toBe(false);
  });

  it('accepts anything for an operation without a body, and throws for an unknown operation', () => {
    expect(openApiBodyValidator(spec, 'GET', '/items')({ a: 1 })).toEqual({ ok: true });
    expect(() => openApiBodyValidator(spec, 'DELETE', '/items')).toThrow(/no operation DELETE \/items/);
  });

  it('loads YAML specs too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spec-'));
    const file = join(dir, 'spec.yml');
    writeFileSync(
      file,
      'openapi: 3.0.0\npaths:\n  /x:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: { type: object, required: [a] }\n',
    );
    const v = openApiBodyValidator(loadOpenApiSpec(file), 'POST', '/x');
    expect(v({ a: 1 }).ok).toBe(true);
    expect(v({}).ok).toBe(false);
  });
});

describe('openApiResponseValidator', () => {
  it('checks an answer against the documented schema of its status, naming where it differs', () => {
    const ok = openApiResponseValidator(spec, 'PUT', '/items/{item_id}/stock', 200);
    expect(ok({ quantity: 3, sku: null })).toEqual({ ok: true });
    expect(ok({ quantity: '3' })).toEqual({ ok: false, errors: ['/quantity must be integer'] });
    expect(ok({ quantity: 3, invented: 1 })).toEqual({ ok: false, errors: ["(body) has unknown property 'invented'"] });
  });

  it('uses a status range (4XX) and $ref responses', () => {
    const err = openApiResponseValidator(spec, 'PUT', '/items/{item_id}/stock', 422);
    expect(err({ message: 'no' })).toEqual({ ok: true });
    expect(err({}).ok).toBe(false);
  });

  it('refuses to validate against nothing: an undocumented status or an answer without a schema throws', () => {
    expect(() => openApiResponseValidator(spec, 'PUT', '/items/{item_id}/stock', 500)).toThrow(/documents no 500 response/);
    expect(() => openApiResponseValidator(spec, 'GET', '/items', 200)).toThrow(/has no JSON response schema/);
  });
});

// The official Etsy spec, kept in the Etsy plugin (this repository): proves the validator copes with a real one.
const ETSY = join(__dirname, '../../../plugins/etsy/spec/etsy-openapi-2021-06.json');
describe('with the official Etsy spec', () => {
  it('is in the repository (never skipped for a missing file)', () => {
    expect(existsSync(ETSY)).toBe(true);
  });

  it('validates a documented inventory answer and refuses a mangled one', () => {
    const v = openApiResponseValidator(loadOpenApiSpec(ETSY), 'GET', '/v3/application/listings/{listing_id}/inventory', 200);
    const product = {
      product_id: 1,
      sku: 'A',
      is_deleted: false,
      offerings: [
        { offering_id: 2, quantity: 3, is_enabled: true, is_deleted: false, price: { amount: 1000, divisor: 100, currency_code: 'USD' } },
      ],
      property_values: [],
    };
    expect(v({ products: [product], price_on_property: [], quantity_on_property: [], sku_on_property: [] })).toEqual({ ok: true });
    expect(
      v({
        products: [{ ...product, offerings: [{ ...product.offerings[0], quantity: 'x' }] }],
        price_on_property: [],
        quantity_on_property: [],
        sku_on_property: [],
      }).ok,
    ).toBe(false);
  });

  it('validates the listing inventory PUT', () => {
    const v = openApiBodyValidator(loadOpenApiSpec(ETSY), 'PUT', '/v3/application/listings/{listing_id}/inventory');
    expect(v({ products: [{ sku: null, property_values: [], offerings: [{ price: 10, quantity: 3, is_enabled: true }] }] })).toEqual({
      ok: true,
    });
    const bad = v({ products: [{ offerings: [{ price: 10, quantity: 'many', is_enabled: true }] }] });
    expect(bad).toEqual({ ok: false, errors: ['/products/0/offerings/0/quantity must be integer'] });
    expect(v({}).ok).toBe(false);
  });
});
