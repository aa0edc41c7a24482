/**
 * The deprecated `capabilities.webhooks` flag (plugin API 1.4.0): the notices part declares inbound notices. A
 * plugin built for 1.4 or later may leave the flag out, or give one that agrees with its notices; a contradiction
 * is refused with its path. Plugins built for 1.0–1.3 load unchanged whatever the flag says (it had no rule then).
 */
import { CONTRACT_VERSION, validatePlugin, type IntegrationPlugin, type PluginNotices } from '../src';

const notices: PluginNotices = { topics: ['product.updated'], verify: () => false, refs: () => [] };

function plugin(opts: { webhooks?: boolean; notices?: boolean; contractVersion?: number | string }): IntegrationPlugin {
  return {
    manifest: {
      id: 'demo-shop',
      displayName: 'Demo',
      contractVersion: opts.contractVersion ?? CONTRACT_VERSION,
      capabilities: {
        unlimitedStock: 'native',
        maxBatch: 10,
        readBack: true,
        ...(opts.webhooks === undefined ? {} : { webhooks: opts.webhooks }),
      },
      rateLimit: { requestsPerSecond: 2, burst: 4 },
    },
    credentialFields: [{ name: 'accessToken', secret: true, required: true }],
    connect: () => {
      throw new Error('not used');
    },
    ...(opts.notices ? { notices } : {}),
  };
}

describe('validatePlugin: the deprecated webhooks flag against the notices part', () => {
  it('accepts the flag left out, with or without notices', () => {
    expect(validatePlugin(plugin({ notices: true })).ok).toBe(true);
    expect(validatePlugin(plugin({ notices: false })).ok).toBe(true);
  });

  it('accepts a flag that agrees with the plugin', () => {
    expect(validatePlugin(plugin({ webhooks: true, notices: true })).ok).toBe(true);
    expect(validatePlugin(plugin({ webhooks: false, notices: false })).ok).toBe(true);
  });

  it('refuses webhooks: true without notices, naming the path', () => {
    expect(validatePlugin(plugin({ webhooks: true, notices: false }))).toEqual({
      ok: false,
      errors: [
        'manifest.capabilities.webhooks is true but the plugin has no notices part: the notices part declares inbound notices (leave the deprecated flag out)',
      ],
    });
  });

  it('refuses webhooks: false beside a notices part, naming the path', () => {
    expect(validatePlugin(plugin({ webhooks: false, notices: true }))).toEqual({
      ok: false,
      errors: [
        'manifest.capabilities.webhooks is false but the plugin has a notices part: the notices part declares inbound notices (leave the deprecated flag out)',
      ],
    });
  });

  it('holds plugins built for 1.4 and newer minors to it, not those built for 1.0–1.3', () => {
    expect(validatePlugin(plugin({ webhooks: false, notices: true, contractVersion: '1.4.0' })).ok).toBe(false);
    expect(validatePlugin(plugin({ webhooks: true, contractVersion: '1.9.0' })).ok).toBe(false);
    for (const contractVersion of [1, '1.0.0', '1.3.2']) {
      expect(validatePlugin(plugin({ webhooks: false, notices: true, contractVersion })).ok).toBe(true);
      expect(validatePlugin(plugin({ webhooks: true, contractVersion })).ok).toBe(true);
    }
  });
});

describe('validatePlugin: manifest rules the JSON Schema also holds', () => {
  it('refuses a range or a partial version as contractVersion (ranges go in package.json stockSync.pluginApi)', () => {
    const p = plugin({});
    p.manifest.contractVersion = '^1.0.0';
    expect(validatePlugin(p)).toEqual({
      ok: false,
      errors: [`manifest.contractVersion must be a major number or a full semver version (e.g. "${CONTRACT_VERSION}"), not "^1.0.0"`],
    });
  });

  it('refuses an unknown key in a rate-limit signal, naming it', () => {
    const p = plugin({});
    p.manifest.rateLimit.signals = [
      { remaining: 'X-Left', pause: { ms: 1000 } },
      { remaining: 'X-Left', pause: { ms: 1 }, scope: 'store' } as never,
    ];
    expect(validatePlugin(p)).toEqual({
      ok: false,
      errors: ['manifest.rateLimit.signals may hold only remaining, usedOfLimit, pause, onErrors in a signal: signals[1].scope is unknown'],
    });
  });
});
