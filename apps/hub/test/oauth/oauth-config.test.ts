/** HUB_OAUTH_<PLATFORM>_*, HUB_PUBLIC_URL and the sweep settings: parsed, checked, every problem named, no secret echoed. */
import { ConfigError, loadHubConfig } from '../../src/config/hub-config';
import { loadOAuthConfig, oauthAppFor, platformEnvKey } from '../../src/config/oauth-config';

const base = {
  HUB_API_TOKENS: 'config_test_token_0123456789',
  HUB_ENCRYPTION_KEY: 'a'.repeat(64),
  HUB_DATA_DIR: '/nonexistent-not-written',
};
const SECRET = 'shpss_config_test_secret_value_0123';

function problemsOf(env: Record<string, string>, production = false): string[] {
  const problems: string[] = [];
  loadOAuthConfig(env, production, problems);
  return problems;
}

describe('OAuth app configuration', () => {
  it('maps a platform id to its variable names', () => {
    expect(platformEnvKey('tiktok-shop')).toBe('TIKTOK_SHOP');
    expect(platformEnvKey('shopify')).toBe('SHOPIFY');
  });

  it('reads each platform app (client id + secret, sandbox base URL with an optional tenant prefix)', () => {
    const problems: string[] = [];
    const config = loadOAuthConfig(
      {
        HUB_OAUTH_SHOPIFY_CLIENT_ID: 'shop-id',
        HUB_OAUTH_SHOPIFY_CLIENT_SECRET: SECRET,
        HUB_OAUTH_TIKTOK_SHOP_CLIENT_ID: 'tt-id',
        HUB_OAUTH_TIKTOK_SHOP_CLIENT_SECRET: 'tt-secret',
        HUB_OAUTH_TIKTOK_SHOP_BASE_URL: 'http://127.0.0.1:4000/t/7/',
        HUB_PUBLIC_URL: 'https://hub.example.com/',
      },
      false,
      problems,
    );
    expect(problems).toEqual([]);
    expect(oauthAppFor(config, 'shopify')).toEqual({ clientId: 'shop-id', clientSecret: SECRET });
    expect(oauthAppFor(config, 'tiktok-shop')).toEqual({
      clientId: 'tt-id',
      clientSecret: 'tt-secret',
      baseUrl: 'http://127.0.0.1:4000/t/7',
    });
    expect(oauthAppFor(config, 'etsy')).toBeUndefined();
    expect(config.publicUrl).toBe('https://hub.example.com');
    expect(config.connectTtlSeconds).toBe(600);
    expect(config.sweep).toEqual({ enabled: undefined, intervalSeconds: 60, refreshAheadSeconds: undefined });
  });

  it("reads a platform's public key (PEM, `\\n` for line breaks in one environment line) and refuses what is not one", () => {
    const pem = '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----';
    const app = { HUB_OAUTH_WIX_CLIENT_ID: 'wix-id', HUB_OAUTH_WIX_CLIENT_SECRET: 'wix-secret' };
    const problems: string[] = [];
    const config = loadOAuthConfig({ ...app, HUB_OAUTH_WIX_PUBLIC_KEY: pem.replace(/\n/g, '\\n') }, false, problems);
    expect(problems).toEqual([]);
    expect(oauthAppFor(config, 'wix')).toEqual({ clientId: 'wix-id', clientSecret: 'wix-secret', publicKey: pem });
    expect(problemsOf({ ...app, HUB_OAUTH_WIX_PUBLIC_KEY: 'not a key' })).toEqual([
      expect.stringContaining('HUB_OAUTH_WIX_PUBLIC_KEY must be a PEM public key'),
    ]);
  });

  it("reads an app's notice key (a webhook signing secret that is not the client secret)", () => {
    const problems: string[] = [];
    const config = loadOAuthConfig(
      { HUB_OAUTH_ETSY_CLIENT_ID: 'etsy-id', HUB_OAUTH_ETSY_CLIENT_SECRET: 'etsy-secret', HUB_OAUTH_ETSY_NOTICE_KEY: 'whsec_x' },
      false,
      problems,
    );
    expect(problems).toEqual([]);
    expect(oauthAppFor(config, 'etsy')).toEqual({ clientId: 'etsy-id', clientSecret: 'etsy-secret', noticeKey: 'whsec_x' });
    expect(problemsOf({ HUB_OAUTH_ETSY_NOTICE_KEY: 'whsec_x' })).toEqual([
      expect.stringContaining('HUB_OAUTH_ETSY_CLIENT_ID and HUB_OAUTH_ETSY_CLIENT_SECRET must be set together'),
    ]);
  });

  it('names every problem, never echoing a secret', () => {
    const problems = problemsOf({
      HUB_OAUTH_SHOPIFY_CLIENT_SECRET: SECRET,
      HUB_OAUTH_ETSY_CLIENT_ID: 'id',
      HUB_OAUTH_ETSY_CLIENT_SECRET: 's',
      HUB_OAUTH_ETSY_BASE_URL: 'ftp://x',
      HUB_PUBLIC_URL: 'https://hub.example.com/some/path',
      HUB_CONNECT_SUCCESS_URL: 'not a url',
      HUB_CONNECT_TTL_SECONDS: '5',
      HUB_CREDENTIAL_SWEEP: 'sometimes',
      HUB_CREDENTIAL_SWEEP_INTERVAL_SECONDS: 'x',
      HUB_CREDENTIAL_REFRESH_AHEAD_SECONDS: '0',
    });
    expect(problems.join('\n')).not.toContain(SECRET);
    for (const name of [
      'HUB_OAUTH_SHOPIFY_CLIENT_ID and HUB_OAUTH_SHOPIFY_CLIENT_SECRET must be set together',
      'HUB_OAUTH_ETSY_BASE_URL',
      'HUB_PUBLIC_URL',
      'HUB_CONNECT_SUCCESS_URL',
      'HUB_CONNECT_TTL_SECONDS',
      'HUB_CREDENTIAL_SWEEP must be on or off',
      'HUB_CREDENTIAL_SWEEP_INTERVAL_SECONDS',
      'HUB_CREDENTIAL_REFRESH_AHEAD_SECONDS',
    ]) {
      expect(problems.some((p) => p.includes(name))).toBe(true);
    }
  });

  it('production: a sandbox base URL is refused, HUB_PUBLIC_URL is required (https) once an app is configured', () => {
    const app = { HUB_OAUTH_SHOPIFY_CLIENT_ID: 'id', HUB_OAUTH_SHOPIFY_CLIENT_SECRET: SECRET };
    expect(problemsOf(app, true)).toEqual([expect.stringContaining('HUB_PUBLIC_URL is required')]);
    expect(problemsOf({ ...app, HUB_PUBLIC_URL: 'http://hub.example.com' }, true)).toEqual([expect.stringContaining('must be https://')]);
    expect(
      problemsOf({ ...app, HUB_PUBLIC_URL: 'https://hub.example.com', HUB_OAUTH_SHOPIFY_BASE_URL: 'http://127.0.0.1:1' }, true),
    ).toEqual([expect.stringContaining('HUB_OAUTH_SHOPIFY_BASE_URL is for sandboxes only')]);
    expect(problemsOf({ HUB_PUBLIC_URL: 'https://hub.example.com' }, true)).toEqual([]);
  });

  it('is part of the hub configuration, and its problems are reported with the others', () => {
    const config = loadHubConfig(
      { ...base, HUB_OAUTH_SHOPIFY_CLIENT_ID: 'id', HUB_OAUTH_SHOPIFY_CLIENT_SECRET: SECRET, HUB_CREDENTIAL_SWEEP: 'off' },
      () => undefined,
    );
    expect(oauthAppFor(config.oauth, 'shopify')?.clientSecret).toBe(SECRET);
    expect(config.oauth.sweep.enabled).toBe(false);
    expect(() => loadHubConfig({ ...base, HUB_PORT: 'x', HUB_OAUTH_SHOPIFY_CLIENT_ID: 'id' }, () => undefined)).toThrow(ConfigError);
    try {
      loadHubConfig({ ...base, HUB_PORT: 'x', HUB_OAUTH_SHOPIFY_CLIENT_ID: 'id' }, () => undefined);
    } catch (e) {
      expect((e as ConfigError).problems).toEqual([
        expect.stringContaining('HUB_PORT'),
        expect.stringContaining('HUB_OAUTH_SHOPIFY_CLIENT_SECRET'),
      ]);
    }
  });
});
