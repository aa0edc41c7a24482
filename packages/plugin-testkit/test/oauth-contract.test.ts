/** The contract's OAuth part passes a correct plugin with an install flow, and fails broken ones. */
import { AuthError, type OAuthApp, type PluginOAuth } from '@stock-sync/plugin-sdk';
import { oauthScenarios, runOAuthContract } from '../src';
import {
  makeTinyshopOAuthPlugin,
  tinyshopOAuthPlugin,
  tinyshopOAuthSimulator,
  tinyUninstallNotice,
} from './fixtures/tinyshop/oauth-fixture';
import { tinyshopSimulator } from './fixtures/tinyshop/simulator';
import { tinyshopPlugin } from './fixtures/tinyshop/plugin';

runOAuthContract({ plugin: tinyshopOAuthPlugin, simulator: tinyshopOAuthSimulator, uninstallNotice: tinyUninstallNotice });

const opts = (over: Partial<PluginOAuth> = {}, refresh?: Parameters<typeof makeTinyshopOAuthPlugin>[1]) => ({
  plugin: makeTinyshopOAuthPlugin(over, refresh),
  simulator: tinyshopOAuthSimulator,
  uninstallNotice: tinyUninstallNotice,
});

describe('the OAuth contract part catches', () => {
  it('a plugin without an oauth part, and a simulator without the kit', async () => {
    await expect(oauthScenarios['a code works once']({ plugin: tinyshopPlugin, simulator: tinyshopOAuthSimulator })).rejects.toThrow(
      'tinyshop has no oauth part',
    );
    await expect(oauthScenarios['a code works once']({ plugin: tinyshopOAuthPlugin, simulator: tinyshopSimulator })).rejects.toThrow(
      'the tinyshop simulator declares no oauthApp (mount the OAuth kit with withOAuth)',
    );
  });

  it('a verifyCallback that accepts anything', async () => {
    await expect(oauthScenarios['refuses a tampered callback'](opts({ verifyCallback: () => true }))).rejects.toThrow(
      "verifyCallback accepted a callback whose 'code' was changed",
    );
  });

  it('a verifyCallback that refuses the genuine callback', async () => {
    await expect(oauthScenarios['connects a store through the consent flow'](opts({ verifyCallback: () => false }))).rejects.toThrow(
      "verifyCallback refused the simulator's genuine callback",
    );
  });

  it('credentials the plugin cannot take', async () => {
    const toConnectedStore: PluginOAuth['toConnectedStore'] = (t) => ({
      externalStoreId: 's',
      credentials: { token: String(t.access_token), shopName: 's', scope: 'x' },
    });
    await expect(oauthScenarios['connects a store through the consent flow'](opts({ toConnectedStore }))).rejects.toThrow(
      "the flow's credentials do not validate against credentialFields: credentials.scope is not a known credential field",
    );
  });

  it('an authorize URL that ignores the sandbox baseUrl', async () => {
    await expect(
      oauthScenarios['a code works once'](opts({ authorizeUrlFor: () => 'https://api.tinyshop.invalid/oauth/authorize' })),
    ).rejects.toThrow("does not honour the app's baseUrl");
  });

  it('a refresh that returns the old token', async () => {
    await expect(oauthScenarios['refreshes expiring credentials'](opts({}, async (ctx) => ({ ...ctx.credentials })))).rejects.toThrow(
      'refreshCredentials returned the same secret credentials (no new access token)',
    );
  });

  it('a refresh that hides a refusal', async () => {
    await expect(
      oauthScenarios['a refused refresh is an AuthError'](opts({}, async (ctx) => ({ ...ctx.credentials, token: 'x' }))),
    ).rejects.toThrow('a refresh after the merchant revoked the app succeeded; it must fail with an AuthError');
  });

  it('a refresh that fails with something else than AuthError', async () => {
    await expect(
      oauthScenarios['a refused refresh is an AuthError'](opts({}, async () => Promise.reject(new Error('boom')))),
    ).rejects.toThrow('a refresh after the merchant revoked the app failed with Error: boom, not an AuthError');
  });

  it('an uninstall check that accepts anything, or names another store, or has no notice to check', async () => {
    await expect(
      oauthScenarios['verifies the uninstall notice'](opts({ verifyUninstall: () => ({ externalStoreId: 'fixture-shop', reason: 'r' }) })),
    ).rejects.toThrow('verifyUninstall accepted a notice whose body was changed');
    const other = { ...opts(), uninstallNotice: (sim: unknown, app: OAuthApp) => tinyUninstallNotice(sim, app, 'someone-else') };
    await expect(oauthScenarios['verifies the uninstall notice'](other)).rejects.toThrow(
      'the uninstall notice names another store than the one the flow connected',
    );
    await expect(oauthScenarios['verifies the uninstall notice']({ ...opts(), uninstallNotice: undefined })).rejects.toThrow(
      "tinyshop has verifyUninstall: give the contract its simulator's uninstallNotice",
    );
    await expect(oauthScenarios['verifies the uninstall notice'](opts({ verifyUninstall: () => null }))).rejects.toThrow(
      "verifyUninstall refused the simulator's genuine notice",
    );
  });

  it('a plugin that logs a token', async () => {
    const leaky = makeTinyshopOAuthPlugin({}, async (ctx) => {
      ctx.log.info(`refreshing ${ctx.credentials.refreshToken}`);
      throw new AuthError('refused');
    });
    await expect(oauthScenarios['a refused refresh is an AuthError']({ plugin: leaky, simulator: tinyshopOAuthSimulator })).rejects.toThrow(
      'a log line carries a secret: info refreshing <secret>',
    );
  });
});
