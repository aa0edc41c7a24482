import { CONTRACT_VERSION, validatePlugin, type IntegrationPlugin, type PluginNotices } from '../src';

function pluginWith(notices: unknown): IntegrationPlugin {
  return {
    manifest: {
      id: 'demo-shop',
      displayName: 'Demo',
      contractVersion: CONTRACT_VERSION,
      capabilities: { unlimitedStock: 'emulated', maxBatch: 10, readBack: true },
      rateLimit: { requestsPerSecond: 2, burst: 4 },
    },
    credentialFields: [{ name: 'accessToken', secret: true, required: true }],
    connect: () => {
      throw new Error('not used');
    },
    notices: notices as PluginNotices,
  };
}

describe('validatePlugin: the optional notices part (plugin API 1.3)', () => {
  const good: PluginNotices = { topics: ['product.updated'], verify: () => false, refs: () => [] };

  it('accepts a plugin without notices, and a well-formed part with or without its optional functions', () => {
    const { notices: _none, ...without } = pluginWith(good);
    expect(validatePlugin(without).ok).toBe(true);
    expect(validatePlugin(pluginWith(good)).ok).toBe(true);
    expect(validatePlugin(pluginWith({ ...good, isPing: () => false, subscribe: async () => {}, unsubscribe: async () => {} })).ok).toBe(
      true,
    );
  });

  it('names each problem by its path', () => {
    expect(validatePlugin(pluginWith('yes'))).toEqual({ ok: false, errors: ['notices must be an object when present'] });
    expect(validatePlugin(pluginWith({ topics: [], verify: 'hmac', subscribe: 'later' }))).toEqual({
      ok: false,
      errors: [
        'notices.topics must be a non-empty array of topic names',
        'notices.verify must be a function',
        'notices.refs must be a function',
        'notices.subscribe must be a function when present',
      ],
    });
    expect(validatePlugin(pluginWith({ ...good, topics: ['ok', ' '] })).ok).toBe(false);
  });

  it('since 1.4: signedWith is one of the three signers; a subscription key needs subscribe', () => {
    for (const signedWith of ['store', 'app'] as const) expect(validatePlugin(pluginWith({ ...good, signedWith })).ok).toBe(true);
    expect(validatePlugin(pluginWith({ ...good, signedWith: 'subscription', subscribe: async () => ({ secret: 'k' }) })).ok).toBe(true);
    expect(validatePlugin(pluginWith({ ...good, signedWith: 'app', storeOf: () => 'shop' })).ok).toBe(true);
    expect(validatePlugin(pluginWith({ ...good, signedWith: 'hmac' }))).toEqual({
      ok: false,
      errors: ['notices.signedWith must be one of store, app, subscription when present'],
    });
    expect(validatePlugin(pluginWith({ ...good, noticeId: () => 'e', parse: () => ({}), repeatsBodies: true })).ok).toBe(true);
    expect(validatePlugin(pluginWith({ ...good, noticeId: 'eventId', parse: 'jwt', repeatsBodies: 'yes' }))).toEqual({
      ok: false,
      errors: [
        'notices.noticeId must be a function when present',
        'notices.parse must be a function when present',
        'notices.repeatsBodies must be a boolean when present',
      ],
    });
    expect(validatePlugin(pluginWith({ ...good, signedWith: 'subscription' }))).toEqual({
      ok: false,
      errors: ["notices.signedWith 'subscription' needs subscribe"],
    });
  });

  it('since 1.5: storeOf goes with any signer (the platform URL it opens is verified with the app key); it must be a function', () => {
    const subscribe = async () => ({ secret: 'k' });
    expect(validatePlugin(pluginWith({ ...good, signedWith: 'subscription', subscribe, storeOf: () => 'merchant' })).ok).toBe(true);
    expect(validatePlugin(pluginWith({ ...good, storeOf: () => 'shop' })).ok).toBe(true);
    expect(validatePlugin(pluginWith({ ...good, signedWith: 'store', storeOf: () => 'shop' })).ok).toBe(true);
    for (const storeOf of ['shop', 42, null, {}]) {
      for (const signedWith of ['app', 'subscription'] as const) {
        expect(validatePlugin(pluginWith({ ...good, signedWith, subscribe, storeOf }))).toEqual({
          ok: false,
          errors: ['notices.storeOf must be a function when present'],
        });
      }
    }
  });
});
