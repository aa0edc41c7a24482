import { CONTRACT_VERSION, validateOAuthPart, validatePlugin, type IntegrationPlugin, type PluginOAuth } from '../src';

const NAMES = new Set(['shop', 'accessToken']);

function oauth(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    connectFields: [{ name: 'shop', secret: false, required: true }],
    authorizeUrl: 'https://{shop}/admin/oauth/authorize',
    tokenUrl: 'https://{shop}/admin/oauth/access_token',
    scopes: ['read_products'],
    toConnectedStore: () => ({ credentials: {}, externalStoreId: 'x' }),
    ...over,
  };
}

function plugin(part: unknown): IntegrationPlugin {
  return {
    manifest: {
      id: 'shopify',
      displayName: 'Shopify',
      contractVersion: CONTRACT_VERSION,
      capabilities: { unlimitedStock: 'native', maxBatch: 10, readBack: true },
      rateLimit: { requestsPerSecond: 2, burst: 4 },
    },
    credentialFields: [
      { name: 'shop', secret: false, required: true },
      { name: 'accessToken', secret: true, required: true },
    ],
    connect: () => {
      throw new Error('not used');
    },
    oauth: part as PluginOAuth,
  };
}

describe('validateOAuthPart', () => {
  it('accepts a complete declarative part', () => {
    expect(validateOAuthPart(oauth(), NAMES)).toEqual([]);
    const full = oauth({
      scopeDelimiter: ',',
      authorizeParams: { 'grant_options[]': 'value' },
      pkce: 'S256',
      tokenRequest: { clientAuthentication: 'basic', encoding: 'json' },
      stateInCallback: false,
      tokenLifetime: {
        accessTokenSeconds: 3600,
        refreshTokenSeconds: 7776000,
        refreshAheadSeconds: 600,
        source: 'https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/offline-access-tokens',
      },
      authorizeUrlFor: () => '',
      readState: () => undefined,
      verifyCallback: () => true,
      verifyUninstall: () => null,
    });
    expect(validateOAuthPart(full, NAMES)).toEqual([]);
    expect(
      validateOAuthPart(oauth({ tokenRequest: { clientAuthentication: 'none', encoding: 'form' }, scopeDelimiter: ' ' }), NAMES),
    ).toEqual([]);
    expect(validateOAuthPart(oauth({ tokenRequest: { clientAuthentication: 'body' } }), NAMES)).toEqual([]);
  });

  it('accepts an exchange in place of tokenUrl + toConnectedStore, and no connectFields', () => {
    expect(validateOAuthPart({ authorizeUrl: 'https://x.example.com/a', scopes: [], exchange: async () => ({}) }, NAMES)).toEqual([]);
  });

  it('refuses a part that is not an object', () => {
    for (const v of [null, 'x', [], 3]) expect(validateOAuthPart(v, NAMES)).toEqual(['oauth must be an object when present']);
  });

  it('names each bad data field', () => {
    const errors = validateOAuthPart(
      oauth({
        authorizeUrl: 5,
        tokenUrl: 6,
        scopes: 'read_products',
        scopeDelimiter: ';',
        authorizeParams: 'x',
        pkce: 'plain',
        tokenRequest: { clientAuthentication: 'mtls', encoding: 'xml' },
        stateInCallback: 'no',
        tokenLifetime: { accessTokenSeconds: 0, refreshTokenSeconds: 1.5, refreshAheadSeconds: -1, source: 'http://insecure.example.com' },
      }),
      NAMES,
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        'oauth.authorizeUrl must be a string',
        'oauth.tokenUrl must be a string',
        'oauth.scopes must be an array of strings',
        "oauth.scopeDelimiter must be ' ' or ','",
        'oauth.authorizeParams must be an object of strings',
        "oauth.pkce must be 'S256' when present",
        "oauth.tokenRequest.clientAuthentication must be 'body', 'basic' or 'none'",
        "oauth.tokenRequest.encoding must be 'form' or 'json'",
        'oauth.stateInCallback must be a boolean',
        'oauth.tokenLifetime.accessTokenSeconds must be a positive whole number of seconds',
        'oauth.tokenLifetime.refreshTokenSeconds must be a positive whole number of seconds',
        'oauth.tokenLifetime.refreshAheadSeconds must be a positive whole number of seconds',
        'oauth.tokenLifetime.source must be the https URL of the document that states the lifetimes',
      ]),
    );
    expect(errors).toHaveLength(13);
  });

  it('refuses scopes that are not all strings, and objects where objects are wanted', () => {
    expect(validateOAuthPart(oauth({ scopes: ['a', 2] }), NAMES)).toEqual(['oauth.scopes must be an array of strings']);
    expect(validateOAuthPart(oauth({ scopes: undefined }), NAMES)).toEqual(['oauth.scopes must be an array of strings']);
    expect(validateOAuthPart(oauth({ tokenRequest: 'basic' }), NAMES)).toEqual(['oauth.tokenRequest must be an object']);
    expect(validateOAuthPart(oauth({ tokenLifetime: 3600 }), NAMES)).toEqual(['oauth.tokenLifetime must be an object']);
    expect(validateOAuthPart(oauth({ tokenLifetime: {} }), NAMES)).toEqual([
      'oauth.tokenLifetime.source must be the https URL of the document that states the lifetimes',
    ]);
  });

  it('checks the URL templates and their placeholders', () => {
    expect(validateOAuthPart(oauth({ authorizeUrl: 'not a url' }), NAMES)).toEqual([
      'oauth.authorizeUrl must be an http(s) URL (placeholders like {shop} allowed)',
    ]);
    expect(validateOAuthPart(oauth({ tokenUrl: 'ftp://{shop}/t' }), NAMES)).toEqual([
      'oauth.tokenUrl must be an http(s) URL (placeholders like {shop} allowed)',
    ]);
    expect(validateOAuthPart(oauth({ authorizeUrl: 'http://{shop}/a' }), NAMES)).toEqual([]);
    expect(validateOAuthPart(oauth({ authorizeUrl: 'https://{region}.example.com/a' }), NAMES)).toEqual([
      'oauth.authorizeUrl uses {region}, which is not one of oauth.connectFields',
    ]);
    expect(validateOAuthPart(oauth({ tokenUrl: 'https://{region}.example.com/t' }), NAMES)).toEqual([
      'oauth.tokenUrl uses {region}, which is not one of oauth.connectFields',
    ]);
  });

  it("needs the token URL's placeholders among the store's credential fields (the refresh fills them)", () => {
    expect(validateOAuthPart(oauth(), new Set(['accessToken']))).toEqual([
      "oauth.tokenUrl uses {shop}, which is not one of credentialFields (the refresh fills it from the store's credentials)",
    ]);
    // The authorize URL is only ever filled from the connect inputs.
    expect(validateOAuthPart(oauth({ tokenUrl: 'https://x.example.com/t' }), new Set())).toEqual([]);
  });

  it('checks the connect fields like credential fields', () => {
    expect(validateOAuthPart(oauth({ connectFields: 'shop' }), NAMES)).toEqual([
      'oauth.connectFields must be an array',
      'oauth.authorizeUrl uses {shop}, which is not one of oauth.connectFields',
      'oauth.tokenUrl uses {shop}, which is not one of oauth.connectFields',
    ]);
    const errors = validateOAuthPart(
      oauth({
        connectFields: [
          { name: 'shop', secret: false, required: true },
          'x',
          { name: 'shop', secret: 'no', required: true },
          { name: '1bad', secret: false, required: false },
        ],
      }),
      NAMES,
    );
    expect(errors).toEqual([
      'oauth.connectFields[1] must be an object',
      'oauth.connectFields[2].secret must be a boolean',
      "oauth.connectFields[2].name 'shop' is declared more than once",
      'oauth.connectFields[3].name must be an identifier (letters, digits, _; starting with a letter)',
    ]);
  });

  it('refuses fixed authorize parameters that are not strings or that the flow sets itself', () => {
    expect(validateOAuthPart(oauth({ authorizeParams: { access_type: 1, state: 'x', client_id: 'y', prompt: 'consent' } }), NAMES)).toEqual(
      [
        'oauth.authorizeParams.access_type must be a string',
        'oauth.authorizeParams.state is set by the flow itself and may not be fixed',
        'oauth.authorizeParams.client_id is set by the flow itself and may not be fixed',
      ],
    );
  });

  it('needs each quirk to be a function when present', () => {
    for (const name of ['authorizeUrlFor', 'readState', 'verifyCallback', 'exchange', 'toConnectedStore', 'verifyUninstall']) {
      const part = oauth({ exchange: async () => ({}), [name]: 'yes' });
      expect(validateOAuthPart(part, NAMES)).toContain(`oauth.${name} must be a function when present`);
    }
  });

  it('needs a way to exchange the code', () => {
    const msg = 'oauth needs exchange, or tokenUrl and toConnectedStore (the standard code exchange)';
    expect(validateOAuthPart(oauth({ tokenUrl: undefined }), NAMES)).toEqual([msg]);
    expect(validateOAuthPart(oauth({ toConnectedStore: undefined }), NAMES)).toEqual([msg]);
  });
});

describe('validatePlugin with an oauth part', () => {
  it('accepts a plugin with a good part, and one without', () => {
    expect(validatePlugin(plugin(oauth())).ok).toBe(true);
    expect(validatePlugin(plugin(undefined)).ok).toBe(true);
  });

  it("reports the part's errors with the plugin's, checking the token URL against the credential fields", () => {
    expect(validatePlugin(plugin(oauth({ scopes: 'x' })))).toEqual({ ok: false, errors: ['oauth.scopes must be an array of strings'] });
    const p = plugin(
      oauth({
        tokenUrl: 'https://{region}.example.com/t',
        connectFields: [
          { name: 'shop', secret: false, required: true },
          { name: 'region', secret: false, required: true },
        ],
      }),
    );
    expect(validatePlugin(p)).toEqual({
      ok: false,
      errors: ["oauth.tokenUrl uses {region}, which is not one of credentialFields (the refresh fills it from the store's credentials)"],
    });
    expect(validatePlugin(plugin(null))).toEqual({ ok: false, errors: ['oauth must be an object when present'] });
  });

  it('survives credential fields that are not an array or hold odd entries', () => {
    const p = plugin(oauth()) as unknown as Record<string, unknown>;
    p.credentialFields = 'x';
    expect(validatePlugin(p)).toEqual({
      ok: false,
      errors: [
        'credentialFields must be an array',
        "oauth.tokenUrl uses {shop}, which is not one of credentialFields (the refresh fills it from the store's credentials)",
      ],
    });
    p.credentialFields = [null, { name: 'shop', secret: false, required: true }];
    expect(validatePlugin(p)).toEqual({ ok: false, errors: ['credentialFields[0] must be an object'] });
  });
});
