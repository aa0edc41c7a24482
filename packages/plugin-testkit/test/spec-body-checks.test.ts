/** specBodyChecks: one named body check per documented operation, from one OpenAPI document. */
import { join } from 'node:path';
import { loadOpenApiSpec, specBodyChecks } from '../src';

const spec = loadOpenApiSpec(join(__dirname, 'fixtures/mini-openapi.json'));

describe('specBodyChecks', () => {
  const checks = specBodyChecks(spec, {
    setStock: ['PUT', '/items/{item_id}/stock'],
    postForm: ['POST', '/items/{item_id}/form'],
    list: ['GET', '/items'],
  } as const);

  it('names each operation’s check as the simulator listed it', () => {
    expect(Object.keys(checks)).toEqual(['setStock', 'postForm', 'list']);
  });

  it('checks each body against its own operation’s schema', () => {
    expect(checks.setStock({ quantity: 5 })).toEqual({ ok: true });
    expect(checks.setStock({ quantity: -1 })).toEqual({ ok: false, errors: ['/quantity must be >= 0'] });
    expect(checks.postForm({ quantity: '7', enabled: 'true' })).toEqual({ ok: true });
    expect(checks.postForm({ quantity: 'seven' }).ok).toBe(false);
    expect(checks.list({ anything: true })).toEqual({ ok: true });
  });

  it('throws at once for an operation the document does not have', () => {
    expect(() => specBodyChecks(spec, { gone: ['DELETE', '/items'] })).toThrow(/no operation DELETE \/items/);
  });
});
