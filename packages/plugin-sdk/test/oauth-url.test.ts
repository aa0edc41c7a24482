import {
  authorizeUrl,
  oauthUrl,
  sandboxBase,
  STANDARD_AUTHORIZE_PARAMS,
  templatePlaceholders,
  type AuthorizeRequest,
  type PluginOAuth,
} from '../src';

describe('oauthUrl', () => {
  it('fills each placeholder URL-encoded, so an input cannot add a path, a query or a host', () => {
    expect(oauthUrl('https://{shop}/admin/oauth/authorize', { shop: 'acme.myshopify.com' }).toString()).toBe(
      'https://acme.myshopify.com/admin/oauth/authorize',
    );
    expect(oauthUrl('https://api.example.com/{region}/token?x=1', { region: 'a b/c?d' }).toString()).toBe(
      'https://api.example.com/a%20b%2Fc%3Fd/token?x=1',
    );
    expect(oauthUrl('https://{a}.example.com/{b}', { a: 'x', b: 'y' }).toString()).toBe('https://x.example.com/y');
  });

  it('refuses a missing or empty input, naming it', () => {
    expect(() => oauthUrl('https://{shop}/x', {})).toThrow("the OAuth URL 'https://{shop}/x' needs the input 'shop'");
    expect(() => oauthUrl('https://{shop}/x', { shop: '' })).toThrow("needs the input 'shop'");
  });

  it('refuses a template that does not make an http(s) URL', () => {
    expect(() => oauthUrl('not a url', {})).toThrow("the OAuth URL 'not a url' does not make a URL with the inputs given");
    expect(() => oauthUrl('ftp://example.com/x', {})).toThrow("the OAuth URL 'ftp://example.com/x' must be http(s)");
    expect(oauthUrl('http://example.com/x', {}).protocol).toBe('http:');
  });

  it("replaces the origin by the app's sandbox baseUrl, keeping path and query", () => {
    const u = oauthUrl('https://{shop}/admin/oauth/access_token?a=1', { shop: 'acme.myshopify.com' }, { baseUrl: 'http://127.0.0.1:4010' });
    expect(u.toString()).toBe('http://127.0.0.1:4010/admin/oauth/access_token?a=1');
  });

  it("puts a sandbox baseUrl's own path (a tenant prefix) before the platform's path", () => {
    expect(oauthUrl('https://api.example.com/oauth/token', {}, { baseUrl: 'http://127.0.0.1:4010/t/42/' }).toString()).toBe(
      'http://127.0.0.1:4010/t/42/oauth/token',
    );
    expect(oauthUrl('https://api.example.com/oauth/token', {}, { baseUrl: 'http://127.0.0.1:4010/t/42' }).toString()).toBe(
      'http://127.0.0.1:4010/t/42/oauth/token',
    );
  });

  it('keeps the platform URL without a baseUrl (or an empty one)', () => {
    expect(oauthUrl('https://api.example.com/oauth/token', {}, {}).toString()).toBe('https://api.example.com/oauth/token');
    expect(oauthUrl('https://api.example.com/oauth/token', {}, { baseUrl: '' }).toString()).toBe('https://api.example.com/oauth/token');
  });

  it('refuses a sandbox baseUrl that is not an http(s) URL', () => {
    expect(() => sandboxBase('nope')).toThrow("the OAuth app's baseUrl is not a URL");
    expect(() => sandboxBase('ftp://x.example.com')).toThrow("the OAuth app's baseUrl must be an http(s) URL");
    expect(sandboxBase('https://sim.example.com:8443/t/1///')).toEqual({ origin: 'https://sim.example.com:8443', prefix: '/t/1' });
    expect(sandboxBase('http://sim.example.com')).toEqual({ origin: 'http://sim.example.com', prefix: '' });
  });

  it('lists the placeholders of a template in order', () => {
    expect(templatePlaceholders('https://{shop}/a/{region_1}/{x}')).toEqual(['shop', 'region_1', 'x']);
    expect(templatePlaceholders('https://example.com/{1bad}/{}')).toEqual([]);
  });
});

const app = { clientId: 'client id&1', clientSecret: 'never-in-the-url' };
const base: PluginOAuth = {
  authorizeUrl: 'https://{shop}/admin/oauth/authorize',
  scopes: ['read_products', 'write_inventory'],
  toConnectedStore: () => ({ credentials: {}, externalStoreId: 'x' }),
};
const req: AuthorizeRequest = {
  app,
  inputs: { shop: 'acme.myshopify.com' },
  redirectUri: 'https://hub.example.com/oauth/callback/shopify?x=1',
  state: 'st-1',
};

function params(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams);
}

describe('authorizeUrl', () => {
  it('builds the RFC 6749 §4.1.1 request on the filled template', () => {
    const url = authorizeUrl(base, req);
    expect(url.startsWith('https://acme.myshopify.com/admin/oauth/authorize?')).toBe(true);
    expect(params(url)).toEqual({
      client_id: 'client id&1',
      redirect_uri: 'https://hub.example.com/oauth/callback/shopify?x=1',
      response_type: 'code',
      scope: 'read_products write_inventory',
      state: 'st-1',
    });
    expect(url).not.toContain('never-in-the-url');
  });

  it("joins scopes with the plugin's delimiter", () => {
    expect(params(authorizeUrl({ ...base, scopeDelimiter: ',' }, req)).scope).toBe('read_products,write_inventory');
    expect(params(authorizeUrl({ ...base, scopeDelimiter: ' ' }, req)).scope).toBe('read_products write_inventory');
  });

  it('leaves scope out when the plugin asks for none', () => {
    expect(params(authorizeUrl({ ...base, scopes: [] }, req))).not.toHaveProperty('scope');
  });

  it('adds the PKCE S256 challenge, and refuses to build without one', () => {
    const p = params(authorizeUrl({ ...base, pkce: 'S256' }, { ...req, codeChallenge: 'chal' }));
    expect(p.code_challenge).toBe('chal');
    expect(p.code_challenge_method).toBe('S256');
    expect(() => authorizeUrl({ ...base, pkce: 'S256' }, req)).toThrow(
      'this platform requires PKCE: the authorize request has no code challenge',
    );
    expect(params(authorizeUrl(base, { ...req, codeChallenge: 'chal' }))).not.toHaveProperty('code_challenge');
    expect(params(authorizeUrl(base, { ...req, codeChallenge: 'chal' }))).not.toHaveProperty('code_challenge_method');
  });

  it('adds the fixed authorizeParams, which never override the standard ones', () => {
    const p = params(authorizeUrl({ ...base, authorizeParams: { access_type: 'offline', state: 'forced', client_id: 'other' } }, req));
    expect(p.access_type).toBe('offline');
    expect(p.state).toBe('st-1');
    expect(p.client_id).toBe('client id&1');
  });

  it("goes to the app's sandbox baseUrl", () => {
    expect(
      authorizeUrl(base, { ...req, app: { ...app, baseUrl: 'http://127.0.0.1:9' } }).startsWith(
        'http://127.0.0.1:9/admin/oauth/authorize?',
      ),
    ).toBe(true);
  });

  it("uses the plugin's authorizeUrlFor when it has one", () => {
    const seen: AuthorizeRequest[] = [];
    const url = authorizeUrl({ ...base, pkce: 'S256', authorizeUrlFor: (r) => (seen.push(r), 'https://custom.example.com/install') }, req);
    expect(url).toBe('https://custom.example.com/install');
    expect(seen).toEqual([req]);
  });

  it('names the parameters the flow sets itself', () => {
    expect(STANDARD_AUTHORIZE_PARAMS).toEqual([
      'client_id',
      'redirect_uri',
      'response_type',
      'scope',
      'state',
      'code_challenge',
      'code_challenge_method',
    ]);
    expect(Object.isFrozen(STANDARD_AUTHORIZE_PARAMS)).toBe(true);
  });
});
