import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOpenApiSpec, openApiBodyValidator } from '../src';

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
      expect.arrayContaining(["/quantity must be >= 0", "(body) has unknown property 'extra'", "/location must have required property 'id'"]),
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
    writeFileSync(file, 'openapi: 3.0.0\npaths:\n  /x:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: { type: object, required: [a] }\n');
    const v = openApiBodyValidator(loadOpenApiSpec(file), 'POST', '/x');
    expect(v({ a: 1 }).ok).toBe(true);
    expect(v({}).ok).toBe(false);
  });
});

// The official Etsy spec copied into the shared specs folder: proves the validator copes with a real one.
const ETSY = '/work/shared/specs/etsy-openapi-2021-06.json';
(existsSync(ETSY) ? describe : describe.skip)('with the official Etsy spec', () => {
  it('validates the listing inventory PUT', () => {
    const v = openApiBodyValidator(loadOpenApiSpec(ETSY), 'PUT', '/v3/application/listings/{listing_id}/inventory');
    expect(v({ products: [{ sku: null, property_values: [], offerings: [{ price: 10, quantity: 3, is_enabled: true }] }] })).toEqual({ ok: true });
    const bad = v({ products: [{ offerings: [{ price: 10, quantity: 'many', is_enabled: true }] }] });
    expect(bad).toEqual({ ok: false, errors: ['/products/0/offerings/0/quantity must be integer'] });
    expect(v({}).ok).toBe(false);
  });
});
