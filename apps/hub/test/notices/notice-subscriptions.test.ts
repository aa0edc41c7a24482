/**
 * NoticeSubscriptions.subscribe against a real database, the plugin and the app configuration stubbed: a store
 * whose platform signs notices with the APP's secret is subscribed only when that app is configured — otherwise
 * the hub could verify none of its notices and would answer every delivery 401 (a flood on each of its own
 * writes, as the scale benchmark showed for Shopify and BigCommerce stores posted with tokens).
 */
import type { IntegrationPlugin, OAuthApp, PluginNotices } from '@stock-sync/plugin-sdk';
import { CredentialCipher } from '../../src/crypto/credential-cipher';
import type { HubConfig } from '../../src/config/hub-config';
import { NoticeSubscriptions } from '../../src/notices/notice-subscriptions';
import type { ConnectionFactory } from '../../src/plugins/connection-factory.service';
import type { PluginRegistry } from '../../src/plugins/plugin-registry.service';
import type { HubPublicUrl } from '../../src/oauth/hub-public-url';
import { describeHub } from '../support/hub-harness';
import { createStore } from '../support/scenario';

const PLATFORM = 'demo-shop';
const APP: OAuthApp = { clientId: 'test-client-id', clientSecret: 'test-client-secret-not-real' };

describeHub('subscribing a store to its platform notices', (hub) => {
  let storeId = '';
  const calls: { deliveryUrl: string; secret: string }[] = [];

  beforeAll(async () => {
    storeId = await createStore(hub(), { sellingRegion: 'north_america', name: 'notices subscriber' });
  });
  beforeEach(() => {
    calls.length = 0;
  });

  const subscriptions = (signedWith: PluginNotices['signedWith'], app: OAuthApp | undefined) => {
    const notices: PluginNotices = {
      topics: ['stock/updated'],
      signedWith,
      verify: () => false,
      refs: () => [],
      subscribe: async (_ctx, subscription) => {
        calls.push(subscription);
      },
    };
    const plugin = { manifest: { id: PLATFORM, displayName: 'Demo' }, notices } as unknown as IntegrationPlugin;
    return new NoticeSubscriptions(
      hub().db,
      { get: (id: string) => (id === PLATFORM ? plugin : undefined) } as unknown as PluginRegistry,
      { appFor: () => app, contextFor: () => ({}) } as unknown as ConnectionFactory,
      hub().app.get(CredentialCipher),
      { origin: () => 'https://hub.example.test' } as unknown as HubPublicUrl,
      { production: false, oauth: {}, sync: { noticesSubscribe: true } } as unknown as HubConfig,
    );
  };
  const storedSecret = async () =>
    (await hub().sql<{ s: boolean }>(`SELECT notice_secret IS NOT NULL AS s FROM stores WHERE id = $1`, [storeId]))[0]!.s;

  it("does not subscribe notices signed with the app's secret when no app is configured", async () => {
    await expect(subscriptions('app', undefined).subscribe(storeId, PLATFORM, {})).resolves.toBe(false);
    expect(calls).toEqual([]);
  });

  it('subscribes them when the app is configured, to the store URL, storing no secret', async () => {
    await expect(subscriptions('app', APP).subscribe(storeId, PLATFORM, {})).resolves.toBe(true);
    expect(calls).toEqual([{ deliveryUrl: `https://hub.example.test/hooks/${PLATFORM}/${storeId}`, secret: '' }]);
    expect(await storedSecret()).toBe(false);
  });

  it("subscribes notices signed with the hub's per-store secret without any app, keeping that secret", async () => {
    await expect(subscriptions('store', undefined).subscribe(storeId, PLATFORM, {})).resolves.toBe(true);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.secret).toMatch(/.{16,}/);
    expect(await storedSecret()).toBe(true);
  });
});
