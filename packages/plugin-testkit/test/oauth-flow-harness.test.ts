import { exchangeCode } from '@stock-sync/plugin-sdk';
import { useOAuthFlow } from '../src';
import { TINY_APP, tinyshopOAuthPlugin, tinyshopOAuthSimulator } from './fixtures/tinyshop/oauth-fixture';

const REDIRECT = 'https://hub.example/oauth/callback/tinyshop';
const clocks: (() => number)[] = [];

describe('useOAuthFlow', () => {
  const flow = useOAuthFlow({
    simulator: tinyshopOAuthSimulator,
    plugin: (now) => {
      clocks.push(now);
      return tinyshopOAuthPlugin;
    },
    app: TINY_APP,
    redirectUri: REDIRECT,
    seed: [{ productId: 'p1', variants: [{ variantId: 'v1' }] }],
  });

  it('builds the plugin once on its clock; a seeded simulator with the app pointed at it', async () => {
    expect(clocks).toHaveLength(1);
    expect(flow.plugin).toBe(tinyshopOAuthPlugin);
    expect(flow.app).toEqual({ ...TINY_APP, baseUrl: flow.sim.baseUrl });
    expect(flow.sim.snapshot().map((s) => s.variantId)).toEqual(['v1']);
    flow.advance(60_000);
    expect(flow.clock() - Date.now()).toBeGreaterThanOrEqual(59_000);
    expect(clocks[0]!() - Date.now()).toBeGreaterThanOrEqual(59_000);
  });

  it('the clock went back to real time; consent → exchange context → connect context connect a store', async () => {
    expect(Math.abs(flow.clock() - Date.now())).toBeLessThan(1_000);
    const location = await flow.consent({ state: 'abc', inputs: { shopName: 'fixture-shop' } });
    expect(new URL(location).searchParams.get('state')).toBe('abc');
    const ctx = flow.exchangeContext(location, { inputs: { shopName: 'fixture-shop' } });
    expect(ctx).toMatchObject({ app: flow.app, inputs: { shopName: 'fixture-shop' }, redirectUri: REDIRECT });
    expect(ctx.codeVerifier).toBeUndefined();
    expect(flow.exchangeContext(location, { codeVerifier: 'v-1' }).codeVerifier).toBe('v-1');
    const store = await exchangeCode(flow.plugin.oauth!, ctx);
    const c = flow.context(store.credentials);
    expect(c.app).toBe(flow.app);
    expect(flow.context(store.credentials, null).app).toBeUndefined();
    expect(flow.context(store.credentials, TINY_APP).app).toBe(TINY_APP);
    expect(c.credentials).toBe(store.credentials);
    expect(flow.http().stats.requests).toBe(0);
  });
});

describe('useOAuthFlow with a step each test', () => {
  const flow = useOAuthFlow({
    simulator: tinyshopOAuthSimulator,
    plugin: () => tinyshopOAuthPlugin,
    app: TINY_APP,
    redirectUri: REDIRECT,
    seed: [],
    stepEachTest: 10_000,
  });
  let thrown: unknown;
  beforeAll(() => {
    try {
      void flow.sim;
    } catch (e) {
      thrown = e;
    }
  });

  it('reading outside a test throws; the first test is one step on', () => {
    expect(thrown).toEqual(new Error('useOAuthFlow: read inside a test'));
    expect(Math.round((flow.clock() - Date.now()) / 1000)).toBe(10);
  });
  it('the next one two steps', () => {
    expect(Math.round((flow.clock() - Date.now()) / 1000)).toBe(20);
  });
});
