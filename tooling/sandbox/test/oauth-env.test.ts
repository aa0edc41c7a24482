/** The hub variables the sandbox prints (and gives the demo) for simulators that model their install flow. */
import type { RunningSimulator } from '@stock-sync/plugin-testkit';
import type { PluginPackage } from '@stock-sync/plugin-sdk';
import { oauthEnvFor, platformEnvKey, sandboxOAuthEnv } from '../src/oauth-env';
import { describeSimulator } from '../src/sandbox-guide';
import type { SandboxSimulator } from '../src/start-sandbox';

const sim = (id: string, baseUrl: string, oauthApp?: { clientId: string; clientSecret: string }): SandboxSimulator => ({
  id,
  displayName: id,
  package: {} as PluginPackage,
  simulator: { baseUrl, credentials: { token: 'x' } } as unknown as RunningSimulator<unknown>,
  ...(oauthApp ? { oauthApp } : {}),
});

describe('install-flow environment of the sandbox', () => {
  it('names each platform like the hub does (upper case, - → _)', () => {
    expect(platformEnvKey('tiktok-shop')).toBe('TIKTOK_SHOP');
    expect(platformEnvKey('big-cartel')).toBe('BIG_CARTEL');
  });

  it('gives the sandbox app and the simulator URL for simulators with an install flow, nothing for the others', () => {
    const sandbox = {
      simulators: [
        sim('tiktok-shop', 'http://127.0.0.1:4101', { clientId: 'tt-id', clientSecret: 'tt-secret' }),
        sim('magento', 'http://127.0.0.1:4102'),
      ],
    };
    expect(sandboxOAuthEnv(sandbox)).toEqual({
      HUB_OAUTH_TIKTOK_SHOP_CLIENT_ID: 'tt-id',
      HUB_OAUTH_TIKTOK_SHOP_CLIENT_SECRET: 'tt-secret',
      HUB_OAUTH_TIKTOK_SHOP_BASE_URL: 'http://127.0.0.1:4101',
    });
    expect(oauthEnvFor(sandbox.simulators[1]!)).toEqual({});
  });

  it('the guide prints those variables under the simulator (and nothing for a simulator without a flow)', () => {
    const lines = describeSimulator(sim('etsy', 'http://127.0.0.1:4103', { clientId: 'etsy-id', clientSecret: 'etsy-secret' })).join('\n');
    expect(lines).toContain(
      'HUB_OAUTH_ETSY_CLIENT_ID=etsy-id HUB_OAUTH_ETSY_CLIENT_SECRET=etsy-secret HUB_OAUTH_ETSY_BASE_URL=http://127.0.0.1:4103',
    );
    expect(lines).toContain('/v1/stores/connect');
    expect(describeSimulator(sim('magento', 'http://127.0.0.1:4104')).join('\n')).not.toContain('HUB_OAUTH_');
  });
});
