import { AuthError, Transient } from '@stock-sync/plugin-sdk';
import {
  connectByFlow,
  expectRefreshRefused,
  expectRefusedBeforeAnyCall,
  expectUninstallVerifiedWith,
  useOAuthFlow,
  useReplay,
} from '../src';
import { TINY_APP, tinyshopOAuthPlugin, tinyshopOAuthSimulator, tinyUninstallNotice } from './fixtures/tinyshop/oauth-fixture';

const REDIRECT = 'https://hub.example/oauth/callback/tinyshop';
const inputs = { shopName: 'fixture-shop' };

describe('the connect and refusal steps on a useOAuthFlow fixture', () => {
  const flow = useOAuthFlow({
    simulator: tinyshopOAuthSimulator,
    plugin: () => tinyshopOAuthPlugin,
    app: TINY_APP,
    redirectUri: REDIRECT,
    seed: [],
  });

  it('connectByFlow: consent then the exchange of its callback, with the inputs given', async () => {
    flow.sim.resetRequests();
    const store = await connectByFlow(flow, { inputs, state: 'st' });
    expect(store.externalStoreId).toBe('fixture-shop');
    expect(store.credentials.token).toEqual(expect.any(String));
    expect(flow.sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /oauth/authorize', 'POST /oauth/token']);
  });

  it('expectRefreshRefused: a spent refresh token is the AuthError; a refresh that works fails the step', async () => {
    const { credentials } = await connectByFlow(flow, { inputs });
    await expect(expectRefreshRefused(flow, credentials)).rejects.toThrow();
    const error = await expectRefreshRefused(flow, credentials);
    expect(error).toBeInstanceOf(AuthError);
  });

  it('expectRefreshRefused: a refusal naming the refresh token fails the step', async () => {
    const leaky = {
      ...flow.plugin,
      refreshCredentials: async (ctx: { credentials: Record<string, string> }) => {
        throw new AuthError(`refused ${ctx.credentials.refreshToken}`);
      },
    };
    await expect(expectRefreshRefused({ ...flow, plugin: leaky }, { refreshToken: 'rt-secret-1' })).rejects.toThrow();
  });

  it('expectUninstallVerifiedWith: the store with the app, null under another secret', () => {
    const notice = tinyUninstallNotice(flow.sim, TINY_APP);
    expectUninstallVerifiedWith(flow.plugin.oauth!, notice, TINY_APP, 'fixture-shop');
    expect(() => expectUninstallVerifiedWith(flow.plugin.oauth!, notice, TINY_APP, 'another-shop')).toThrow();
    // Signed with another secret: the app does not read it.
    const forged = tinyUninstallNotice(flow.sim, { ...TINY_APP, clientSecret: 'forger' });
    expect(() => expectUninstallVerifiedWith(flow.plugin.oauth!, forged, TINY_APP, 'fixture-shop')).toThrow();
  });
});

describe('expectRefusedBeforeAnyCall', () => {
  const replay = useReplay();

  it('returns the AuthError when nothing was sent', async () => {
    const r = await replay.start([{ status: 200, body: {} }]);
    const refused = new AuthError('no code');
    await expect(expectRefusedBeforeAnyCall(r, Promise.reject(refused))).resolves.toBe(refused);
  });

  it('fails when the attempt succeeds, fails otherwise than with an AuthError, or a call was sent', async () => {
    const r = await replay.start([
      { status: 200, body: {} },
      { status: 200, body: {} },
    ]);
    await expect(expectRefusedBeforeAnyCall(r, Promise.resolve('connected'))).rejects.toThrow();
    await expect(expectRefusedBeforeAnyCall(r, Promise.reject(new Transient('down')))).rejects.toThrow();
    const sentFirst = fetch(`${r.baseUrl}/token`, { method: 'POST' }).then(() => Promise.reject(new AuthError('refused')));
    await expect(expectRefusedBeforeAnyCall(r, sentFirst)).rejects.toThrow();
  });
});
