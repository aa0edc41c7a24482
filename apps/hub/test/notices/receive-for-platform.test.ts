/**
 * NoticesService.receiveForPlatform (POST /hooks/:platform) against a real database, the plugin and the app
 * configuration stubbed: since plugin API 1.5 a plugin whose store URLs are signed with a subscription key
 * (Square) may also name stores (`storeOf`) on the platform's one URL, where the APP's key is the only key that
 * verifies — never a store's subscription key. The store's own URL keeps its plugin's `signedWith`.
 */
import { createHmac } from 'node:crypto';
import type { IntegrationPlugin, OAuthApp, PluginNotices } from '@stock-sync/plugin-sdk';
import { CredentialCipher } from '../../src/crypto/credential-cipher';
import { sealNoticeSecret } from '../../src/notices/notice-secret';
import { NoticesService } from '../../src/notices/notices.service';
import type { ConnectionFactory } from '../../src/plugins/connection-factory.service';
import type { PluginRegistry } from '../../src/plugins/plugin-registry.service';
import type { HubPublicUrl } from '../../src/oauth/hub-public-url';
import { describeHub } from '../support/hub-harness';
import { createStore } from '../support/scenario';

const ORIGIN = 'https://hub.example.test';
const PLATFORM = 'demo-shop';
const MERCHANT = 'MLTESTMERCHANT1';
const APP: OAuthApp = {
  clientId: 'test-client-id',
  clientSecret: 'test-client-secret-not-real',
  noticeKey: 'test-app-notice-key-not-real',
};
const SUBSCRIPTION_KEY = 'test-subscription-key-not-real';

/** Square's scheme (base64 HMAC-SHA256 of URL + body), enough to tell the keys apart. */
const sign = (key: string, url: string, body: string) =>
  createHmac('sha256', key)
    .update(url + body)
    .digest('base64');

const BASE: PluginNotices = {
  topics: ['inventory.count.updated'],
  signedWith: 'subscription',
  subscribe: async () => ({ secret: SUBSCRIPTION_KEY }),
  verify: (req) => req.headers['x-signature'] === sign(req.secret, req.deliveryUrl ?? '', Buffer.from(req.rawBody).toString('utf8')),
  refs: (body) => [{ externalVariantId: (body as { variant: string }).variant }],
  storeOf: (body) => (body as { merchant_id?: string }).merchant_id,
};

function pluginWith(notices: Partial<PluginNotices>): IntegrationPlugin {
  return {
    manifest: { id: PLATFORM, displayName: 'Demo', contractVersion: 1 },
    notices: { ...BASE, ...notices },
  } as unknown as IntegrationPlugin;
}

describeHub('notices at the platform URL for a plugin signed per subscription (plugin API 1.5)', (hub) => {
  let storeId = '';
  let event = 0;

  beforeAll(async () => {
    storeId = await createStore(hub(), { sellingRegion: 'north_america', name: 'oauth seller' });
    const cipher = hub().app.get(CredentialCipher);
    await hub().sql(`UPDATE stores SET external_store_id = $2, notice_secret = $3 WHERE id = $1`, [
      storeId,
      MERCHANT,
      sealNoticeSecret(cipher, storeId, SUBSCRIPTION_KEY),
    ]);
  });

  const service = (plugin: IntegrationPlugin, app: OAuthApp | null = APP) =>
    new NoticesService(
      hub().db,
      { get: (id: string) => (id === PLATFORM ? plugin : undefined) } as unknown as PluginRegistry,
      hub().app.get(CredentialCipher),
      { appFor: () => app ?? undefined } as unknown as ConnectionFactory,
      { origin: () => ORIGIN } as unknown as HubPublicUrl,
    );
  /** A new event (a new body: no replay) signed with `key` for `url`. */
  const delivery = (key: string, url: string, merchant = MERCHANT) => {
    const body = JSON.stringify({ merchant_id: merchant, event_id: `e${++event}`, variant: 'V1' });
    return { headers: { 'x-signature': sign(key, url, body) }, rawBody: Buffer.from(body) };
  };
  const platformUrl = `${ORIGIN}/hooks/${PLATFORM}`;
  const storeUrl = () => `${ORIGIN}/hooks/${PLATFORM}/${storeId}`;
  const recorded = async () =>
    Number((await hub().sql<{ n: string }>(`SELECT count(*) AS n FROM platform_notices WHERE store_id = $1`, [storeId]))[0]!.n);

  it('accepts a notice signed with the app key (its noticeKey) for the store whose external id the plugin names: 202', async () => {
    const before = await recorded();
    expect(await service(pluginWith({})).receiveForPlatform(PLATFORM, delivery(APP.noticeKey!, platformUrl))).toEqual({
      status: 202,
      body: { accepted: true, marked: 0 },
    });
    expect(await recorded()).toBe(before + 1);
    // Without a noticeKey the app's client secret is the key.
    const { noticeKey: _none, ...withoutNoticeKey } = APP;
    expect(
      (await service(pluginWith({}), withoutNoticeKey).receiveForPlatform(PLATFORM, delivery(APP.clientSecret, platformUrl))).status,
    ).toBe(202);
  });

  it("refuses a notice signed with a store's subscription key there: 401, nothing recorded", async () => {
    const before = await recorded();
    const outcome = await service(pluginWith({})).receiveForPlatform(PLATFORM, delivery(SUBSCRIPTION_KEY, platformUrl));
    expect(outcome).toMatchObject({ status: 401, body: { error: 'invalid_signature' } });
    expect(await recorded()).toBe(before);
  });

  it('without a configured app: 401 naming the variables to set', async () => {
    const outcome = await service(pluginWith({}), null).receiveForPlatform(PLATFORM, delivery(APP.noticeKey!, platformUrl));
    expect(outcome).toEqual({
      status: 401,
      body: {
        error: 'invalid_signature',
        message:
          'no demo-shop app is configured (HUB_OAUTH_DEMO_SHOP_CLIENT_ID, HUB_OAUTH_DEMO_SHOP_CLIENT_SECRET, and HUB_OAUTH_DEMO_SHOP_NOTICE_KEY where the platform signs with a key of its own): its notices cannot be verified',
      },
    });
  });

  it('a plugin without storeOf has no platform URL; a merchant the hub does not know is 401', async () => {
    expect(await service(pluginWith({ storeOf: undefined })).receiveForPlatform(PLATFORM, delivery(APP.noticeKey!, platformUrl))).toEqual({
      status: 401,
      body: { error: 'invalid_signature', message: `Demo delivers notices to each store's own URL (/hooks/${PLATFORM}/<store id>)` },
    });
    expect(
      await service(pluginWith({})).receiveForPlatform(PLATFORM, delivery(APP.noticeKey!, platformUrl, 'MLSOMEONEELSE')),
    ).toMatchObject({ status: 401, body: { message: 'unknown store' } });
  });

  it("the store's own URL still takes its subscription key, not the app's", async () => {
    const notices = service(pluginWith({}));
    expect((await notices.receive(PLATFORM, storeId, delivery(SUBSCRIPTION_KEY, storeUrl()))).status).toBe(202);
    expect(await notices.receive(PLATFORM, storeId, delivery(APP.noticeKey!, storeUrl()))).toMatchObject({
      status: 401,
      body: { error: 'invalid_signature' },
    });
  });
});
