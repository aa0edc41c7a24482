import { CONTRACT_VERSION, validatePlugin, type IntegrationPlugin } from '../src';

function goodPlugin(): IntegrationPlugin {
  return {
    manifest: {
      id: 'big-cartel',
      displayName: 'Big Cartel',
      contractVersion: CONTRACT_VERSION,
      capabilities: { unlimitedStock: 'emulated', maxBatch: 10, readBack: true },
      rateLimit: { requestsPerSecond: 2, burst: 4, note: 'test' },
    },
    credentialFields: [
      { name: 'accessToken', secret: true, required: true },
      { name: 'shopDomain', secret: false, required: true, description: 'x' },
    ],
    connect: () => {
      throw new Error('not used');
    },
  };
}

describe('validatePlugin', () => {
  it('accepts a well-formed plugin and returns it', () => {
    const p = goodPlugin();
    const r = validatePlugin(p);
    expect(r).toEqual({ ok: true, plugin: p });
  });

  it('rejects non-objects', () => {
    expect(validatePlugin(null)).toEqual({ ok: false, errors: ['plugin must be an object'] });
    expect(validatePlugin('x').ok).toBe(false);
  });

  it('names each bad manifest field by its path', () => {
    const p = goodPlugin() as any;
    p.manifest.id = 'Big_Cartel';
    p.manifest.displayName = '';
    p.manifest.contractVersion = 99;
    p.manifest.capabilities.maxBatch = 0;
    p.manifest.capabilities.unlimitedStock = 'sometimes';
    p.manifest.rateLimit.requestsPerSecond = -1;
    p.manifest.rateLimit.burst = 'many';
    const r = validatePlugin(p);
    expect(r.ok).toBe(false);
    const errors = (r as { errors: string[] }).errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        "manifest.id must be kebab-case (e.g. 'shopify', 'big-cartel')",
        'manifest.displayName must not be empty',
        `manifest.contractVersion must be a plugin API version of this hub's major (${CONTRACT_VERSION}): built for plugin API 99 (major 99); this hub provides ${CONTRACT_VERSION} and loads plugins built for 1.x`,
        'manifest.capabilities.maxBatch must be a positive integer',
        "manifest.capabilities.unlimitedStock must be 'native' or 'emulated'",
        'manifest.rateLimit.requestsPerSecond must be a positive number',
        'manifest.rateLimit.burst must be a positive number',
      ]),
    );
    expect(errors).toHaveLength(7);
  });

  it('accepts the major as a number and a newer minor of the same major', () => {
    for (const contractVersion of [1, '1.0.0', '1.99.0']) {
      const p = goodPlugin() as any;
      p.manifest.contractVersion = contractVersion;
      expect(validatePlugin(p)).toMatchObject({ ok: true });
    }
    const p = goodPlugin() as any;
    p.manifest.contractVersion = '2.0.0';
    expect(validatePlugin(p)).toMatchObject({ ok: false, errors: [expect.stringContaining('major 2')] });
  });

  it('rejects a fractional maxBatch and missing nested objects', () => {
    const p = goodPlugin() as any;
    p.manifest.capabilities.maxBatch = 2.5;
    delete p.manifest.rateLimit;
    const errors = (validatePlugin(p) as { errors: string[] }).errors;
    expect(errors).toContain('manifest.capabilities.maxBatch must be a positive integer');
    expect(errors).toContain('manifest.rateLimit is required');
  });

  it('accepts declared rate signals and names each bad one by its path', () => {
    const ok = goodPlugin() as any;
    ok.manifest.rateLimit.signals = [
      { remaining: 'X-Rate-Limit-Requests-Left', pause: { header: 'X-Rate-Limit-Time-Reset-Ms', unit: 'ms' }, onErrors: true },
      { usedOfLimit: 'X-Shopify-Shop-Api-Call-Limit', pause: { ms: 1000 } },
    ];
    expect(validatePlugin(ok)).toMatchObject({ ok: true });

    const p = goodPlugin() as any;
    p.manifest.rateLimit.signals = [
      { pause: { ms: 1000 } },
      { remaining: 'x-a', usedOfLimit: 'x-b', pause: { ms: 1000 } },
      { remaining: 'bad header', pause: { ms: 0 } },
      { remaining: 'x-a', pause: { header: 'x-reset', unit: 'minutes' } },
      { remaining: 'x-a', pause: { ms: 5, header: 'x-reset' }, onErrors: 'yes' },
      'x-a',
    ];
    const errors = (validatePlugin(p) as { errors: string[] }).errors;
    expect(errors).toEqual([
      'manifest.rateLimit.signals.0.remaining is required: give exactly one of remaining and usedOfLimit',
      'manifest.rateLimit.signals.1.usedOfLimit cannot be given with remaining (give exactly one of them)',
      'manifest.rateLimit.signals.2.remaining must be a header name',
      "manifest.rateLimit.signals.2.pause must be { ms: a positive number } or { header: a header name, unit: 'ms' | 's' }",
      "manifest.rateLimit.signals.3.pause must be { ms: a positive number } or { header: a header name, unit: 'ms' | 's' }",
      "manifest.rateLimit.signals.4.pause must be { ms: a positive number } or { header: a header name, unit: 'ms' | 's' }",
      'manifest.rateLimit.signals.4.onErrors must be a boolean',
      'manifest.rateLimit.signals.5 must be a signal (an object)',
    ]);
    p.manifest.rateLimit.signals = { remaining: 'x-a' };
    expect((validatePlugin(p) as { errors: string[] }).errors).toContain('manifest.rateLimit.signals must be an array of signals');
  });

  it('checks credential fields, duplicates and connect', () => {
    const p = goodPlugin() as any;
    p.credentialFields = [
      { name: 'accessToken', secret: true, required: true },
      { name: 'accessToken', secret: 'yes', required: true },
      { name: 'bad name', secret: false, required: false },
      { name: 'baseUrl', secret: true, required: false },
      7,
    ];
    p.connect = 'nope';
    const errors = (validatePlugin(p) as { errors: string[] }).errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        'credentialFields[1].secret must be a boolean',
        "credentialFields[1].name 'accessToken' is declared more than once",
        'credentialFields[2].name must be an identifier (letters, digits, _; starting with a letter)',
        "credentialFields[3].secret must be false for the standard 'baseUrl' field",
        'credentialFields[4] must be an object',
        'connect must be a function',
      ]),
    );
  });

  it('accepts an optional refreshCredentials function and refuses anything else there', () => {
    const withRefresh = { ...goodPlugin(), refreshCredentials: async () => ({ accessToken: 'x' }) };
    expect(validatePlugin(withRefresh)).toEqual({ ok: true, plugin: withRefresh });
    expect(validatePlugin({ ...goodPlugin(), refreshCredentials: undefined }).ok).toBe(true);
    for (const bad of ['refresh', 42, null, {}]) {
      const r = validatePlugin({ ...goodPlugin(), refreshCredentials: bad });
      expect(r).toEqual({ ok: false, errors: ['refreshCredentials must be a function when present'] });
    }
  });

  it('requires manifest and credentialFields to exist', () => {
    const errors = (validatePlugin({ connect() {} }) as { errors: string[] }).errors;
    expect(errors).toEqual(['manifest must be an object', 'credentialFields must be an array']);
  });
});
