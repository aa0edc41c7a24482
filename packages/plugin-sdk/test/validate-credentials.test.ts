import { BASE_URL_FIELD, secretValues, validateCredentials, type CredentialField } from '../src';

const fields: CredentialField[] = [
  { name: 'accessToken', secret: true, required: true },
  { name: 'shopDomain', secret: false, required: true },
  { name: 'locationId', secret: false, required: false },
];

describe('validateCredentials', () => {
  it('accepts declared fields plus the standard baseUrl, trimming values', () => {
    const r = validateCredentials(fields, {
      accessToken: ' shpat_test_abc \n',
      shopDomain: 'demo.myshopify.com',
      baseUrl: 'http://127.0.0.1:4010',
    });
    expect(r).toEqual({
      ok: true,
      values: { accessToken: 'shpat_test_abc', shopDomain: 'demo.myshopify.com', baseUrl: 'http://127.0.0.1:4010' },
    });
  });

  it('treats an empty optional field as absent', () => {
    const r = validateCredentials(fields, { accessToken: 'a', shopDomain: 'b', locationId: '' });
    expect(r).toEqual({ ok: true, values: { accessToken: 'a', shopDomain: 'b' } });
  });

  it('reports missing, empty, wrongly-typed and unknown fields by path', () => {
    const r = validateCredentials(fields, { accessToken: '   ', locationId: 5, extra: 'x' });
    expect(r.ok).toBe(false);
    const errors = (r as { errors: { path: string; message: string }[] }).errors;
    expect(errors.map((e) => e.path).sort()).toEqual(
      ['credentials.accessToken', 'credentials.extra', 'credentials.locationId', 'credentials.shopDomain'].sort(),
    );
    expect(errors.find((e) => e.path === 'credentials.shopDomain')!.message).toBe('credentials.shopDomain is required');
    expect(errors.find((e) => e.path === 'credentials.accessToken')!.message).toBe('credentials.accessToken must not be empty');
  });

  it('requires baseUrl to be an http(s) URL and never echoes values', () => {
    const r = validateCredentials(fields, { accessToken: 'shpat_test_secret', shopDomain: 'x', baseUrl: 'ftp://shpat_test_secret' });
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain('shpat_test_secret');
    expect((r as any).errors).toEqual([{ path: 'credentials.baseUrl', message: 'credentials.baseUrl must be an http(s) URL' }]);
  });

  it('rejects a non-object', () => {
    expect(validateCredentials(fields, 'token').ok).toBe(false);
    expect(validateCredentials(fields, ['a']).ok).toBe(false);
  });

  it('secretValues returns only the secret fields values', () => {
    expect(secretValues(fields, { accessToken: 'tok', shopDomain: 'd', baseUrl: 'http://x' })).toEqual(['tok']);
    expect(BASE_URL_FIELD.secret).toBe(false);
  });
});
