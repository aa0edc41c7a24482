/**
 * Square's inventory.count.updated notifications as platform notices (plugin API 1.5): the documented
 * notification, signature and Webhook Subscriptions API (test/evidence/notice-*.json, webhook-subscription*.json),
 * and the app subscription's delivery to OAuth sellers (notice-delivery-app-subscription), held against the plugin
 * AND the simulator.
 */
import { join } from 'node:path';
import { createHttpClient } from '@stock-sync/plugin-sdk';
import { quantity, Rejected, UNLIMITED } from '@stock-sync/plugin-api';
import type { NoticeRequest } from '@stock-sync/plugin-api';
import { consentRedirect, theOnlyDelivery } from '@stock-sync/plugin-testkit/contract';
import { documentedDelivery, expectDocumentedDelivery, postCodeGrant, recordingLogger } from '@stock-sync/plugin-testkit/contract';
import { evidence, expectSameShape } from '@stock-sync/plugin-testkit/evidence';
import { openApiResponseValidator } from '@stock-sync/plugin-testkit/openapi';
import { revokeIssuedGrants, startNoticeReceiver, useNoticeHarness } from '@stock-sync/plugin-testkit/simulator';
import { seedProduct } from '@stock-sync/plugin-testkit/fixtures';
import { plugin, squareNoticeRefs, squareSignature, squareStoreOf } from '../src';
import { SIM_APP_NOTICE_KEY, SIM_LOCATION_ID, SIM_OAUTH_APP, simulator } from '../src/simulator';
import { loadSquareSpec } from '../src/simulator/spec-validators';
import { call, calls, startSquareSimulator } from './support/store';

const DIR = join(__dirname, 'evidence');
const FIXTURE_KEY = 'fixture-secret-not-a-real-one';
const notices = plugin.notices!;
const spec = loadSquareSpec();

describe('the plugin reads the documented notification (notice-delivery-inventory-count-updated)', () => {
  const e = evidence(DIR, 'notice-delivery-inventory-count-updated');
  const { headers, rawBody } = documentedDelivery(e);
  const deliveryUrl = `https://${headers.host}${e.request!.path}`;
  const req = (over: Partial<NoticeRequest> = {}): NoticeRequest => ({ headers, rawBody, secret: FIXTURE_KEY, deliveryUrl, ...over });

  it('verifies the documented signature: base64 HMAC-SHA256 of the notification URL + the exact body with the key', () => {
    expect(squareSignature(deliveryUrl, rawBody, FIXTURE_KEY)).toBe(headers['x-square-hmacsha256-signature']);
    expect(notices.verify(req())).toBe(true);
  });

  it('refuses a wrong key, a changed body, another URL, no URL, a missing or mangled signature', () => {
    expect(notices.verify(req({ secret: 'another-key' }))).toBe(false);
    expect(notices.verify(req({ secret: '' }))).toBe(false);
    expect(notices.verify(req({ rawBody: Buffer.from(rawBody.toString().replace('"quantity":"10"', '"quantity":"11"')) }))).toBe(false);
    expect(notices.verify(req({ deliveryUrl: `${deliveryUrl}x` }))).toBe(false);
    expect(notices.verify(req({ deliveryUrl: undefined }))).toBe(false);
    const { ['x-square-hmacsha256-signature']: _omitted, ...unsigned } = headers;
    expect(notices.verify(req({ headers: unsigned }))).toBe(false);
    expect(notices.verify(req({ headers: { ...headers, 'x-square-hmacsha256-signature': 'AAAA' } }))).toBe(false);
  });

  it('names the item variation: catalog_object_id is the VariantRef.externalVariantId (no item id in the notification)', () => {
    expect(notices.refs(e.request!.body, headers)).toEqual([{ externalVariantId: 'FGQ5JJWT2PYTHF35CKZ2DSKP' }]);
  });

  it('topics and signer: inventory.count.updated, signed with the key the subscription answers; the seller is merchant_id', () => {
    expect(notices.topics).toEqual(['inventory.count.updated']);
    expect(notices.signedWith).toBe('subscription');
    expect(notices.storeOf!(e.request!.body, headers)).toBe('6SSW7HV8K2ST5');
  });
});

describe("the plugin reads the app subscription's delivery to the hub's platform URL (notice-delivery-app-subscription)", () => {
  const e = evidence(DIR, 'notice-delivery-app-subscription');
  const { headers, rawBody } = documentedDelivery(e);
  const deliveryUrl = `https://${headers.host}${e.request!.path}`;
  const APP_KEY = 'fixture-app-notice-key-not-a-real-one';

  it('is delivered to /hooks/square and verifies with the app subscription key (the host gives the app key there)', () => {
    expect(e.request!.path).toBe('/hooks/square');
    expect(squareSignature(deliveryUrl, rawBody, APP_KEY)).toBe(headers['x-square-hmacsha256-signature']);
    expect(notices.verify({ headers, rawBody, secret: APP_KEY, deliveryUrl })).toBe(true);
    expect(notices.verify({ headers, rawBody, secret: FIXTURE_KEY, deliveryUrl })).toBe(false); // a store subscription's key
    expect(notices.verify({ headers, rawBody, secret: APP_KEY, deliveryUrl: `${deliveryUrl}/3f0c6b8e-2a4d-4c1e-9b7a-5d2f8e6a1c40` })).toBe(
      false,
    );
  });

  it('names the seller by merchant_id (what the install flow records as externalStoreId) and the variation', () => {
    expect(notices.storeOf!(e.request!.body, headers)).toBe('6SSW7HV8K2ST5');
    expect(notices.refs(e.request!.body, headers)).toEqual([{ externalVariantId: 'FGQ5JJWT2PYTHF35CKZ2DSKP' }]);
  });

  it('storeOf: no seller without a non-empty merchant_id string (the host answers 400)', () => {
    const body = e.request!.body as Record<string, unknown>;
    for (const merchant_id of [undefined, '', '  ', 42, null, {}]) expect(squareStoreOf({ ...body, merchant_id })).toBeUndefined();
    for (const other of [undefined, null, 'x', [body]]) expect(squareStoreOf(other)).toBeUndefined();
  });
});

it('matches the official SDK test vector (notice-signature-sdk-vector)', () => {
  const e = evidence(DIR, 'notice-signature-sdk-vector');
  const { headers, rawBody } = documentedDelivery(e);
  const deliveryUrl = `https://${headers.host}${e.request!.path}`;
  expect(squareSignature(deliveryUrl, rawBody, 'signature-key')).toBe(headers['x-square-hmacsha256-signature']);
  expect(notices.verify({ headers, rawBody, secret: 'signature-key', deliveryUrl })).toBe(true);
});

it('refs: a state change names its variation once; other events, a deleted object, ITEM counts name none; a foreign shape throws', () => {
  const count = (id: string, state = 'IN_STOCK', type = 'ITEM_VARIATION') => ({
    catalog_object_id: id,
    catalog_object_type: type,
    location_id: 'L1',
    quantity: '1',
    state,
  });
  const event = (counts: unknown) => ({
    type: 'inventory.count.updated',
    data: { type: 'inventory_counts', id: 'x', object: { inventory_counts: counts } },
  });
  expect(squareNoticeRefs(event([count('V1'), count('V1', 'SOLD'), count('V2'), count('I1', 'IN_STOCK', 'ITEM')]))).toEqual([
    { externalVariantId: 'V1' },
    { externalVariantId: 'V2' },
  ]);
  expect(squareNoticeRefs({ type: 'webhooks.test_notification', data: { type: 'webhooks', id: 'x' } })).toEqual([]);
  expect(squareNoticeRefs({ type: 'inventory.count.updated', data: { type: 'inventory_counts', id: 'x' } })).toEqual([]);
  expect(() => squareNoticeRefs('x')).toThrow();
  expect(() => squareNoticeRefs({ type: 'inventory.count.updated' })).toThrow();
  expect(() => squareNoticeRefs(event('nope'))).toThrow();
  expect(() => squareNoticeRefs(event([{ quantity: '1' }]))).toThrow();
});

describe('the simulator', () => {
  const ctx = () => ({
    credentials: rig.sim.credentials,
    http: createHttpClient({ rateLimit: plugin.manifest.rateLimit, maxAttempts: 1 }),
    log: recordingLogger(),
  });
  const holds = (res: { status: number; body: unknown }, name: string, method: string, path: string) => {
    const e = evidence(DIR, name);
    expect(res.status).toBe(e.response!.status);
    expectSameShape(res.body, e.response!.body, e.name);
    expect(openApiResponseValidator(spec, method, path, res.status)(res.body)).toEqual({ ok: true });
  };

  const rig = useNoticeHarness({
    start: startSquareSimulator,
    receiver: { path: '/hooks/square/store-1' },
    setup: (s) => s.seed([seedProduct('ITEM1', 101, 2, quantity(5))]),
  });
  /** The plugin subscribes the receiver's URL; Square's signature key. */
  const subscribeReceiver = async () =>
    ((await notices.subscribe!(ctx(), { deliveryUrl: rig.receiver.url, secret: '' })) as { secret: string }).secret;
  /** Whether the plugin verifies the receiver's first delivery with `secret`. */
  const verifiesFirstDelivery = (secret: string) => {
    const [d] = rig.receiver.deliveries;
    return notices.verify({ headers: d!.headers, rawBody: d!.body, secret, deliveryUrl: rig.receiver.url });
  };

  it('answers the documented subscription calls (webhook-subscription-*), valid per SPEC; the key only on create and retrieve', async () => {
    const e = evidence(DIR, 'webhook-subscription-create');
    const created = await call(rig.sim, 'POST', e.request!.path, e.request!.body);
    holds(created, 'webhook-subscription-create', 'POST', '/v2/webhooks/subscriptions');
    const id = created.body.subscription.id as string;
    const listed = await call(rig.sim, 'GET', '/v2/webhooks/subscriptions?include_disabled=true&limit=100');
    holds(listed, 'webhook-subscriptions-list', 'GET', '/v2/webhooks/subscriptions');
    expect(listed.body.subscriptions[0].signature_key).toBeUndefined();
    const got = await call(rig.sim, 'GET', `/v2/webhooks/subscriptions/${id}`);
    holds(got, 'webhook-subscription-retrieve', 'GET', '/v2/webhooks/subscriptions/{subscription_id}');
    expect(got.body.subscription.signature_key).toBe(created.body.subscription.signature_key);
    const u = evidence(DIR, 'webhook-subscription-update');
    const updated = await call(rig.sim, 'PUT', `/v2/webhooks/subscriptions/${id}`, u.request!.body);
    holds(updated, 'webhook-subscription-update', 'PUT', '/v2/webhooks/subscriptions/{subscription_id}');
    expect(updated.body.subscription).toMatchObject({ enabled: false, name: 'Updated Example Webhook Subscription' });
    expect((await call(rig.sim, 'GET', '/v2/webhooks/subscriptions')).body.subscriptions).toEqual([]); // disabled are left out
    const deleted = await call(rig.sim, 'DELETE', `/v2/webhooks/subscriptions/${id}`);
    holds(deleted, 'webhook-subscription-delete', 'DELETE', '/v2/webhooks/subscriptions/{subscription_id}');
    expect((await call(rig.sim, 'GET', `/v2/webhooks/subscriptions/${id}`)).status).toBe(404);
  });

  it('refuses a subscription without a URL or with an unknown event type, and a body off the spec', async () => {
    const post = (subscription: unknown) =>
      call(rig.sim, 'POST', '/v2/webhooks/subscriptions', { idempotency_key: String(Math.random()), subscription });
    expect((await post({ event_types: ['inventory.count.updated'] })).status).toBe(400);
    expect((await post({ event_types: ['nope.happened'], notification_url: rig.receiver.url })).status).toBe(400);
    expect((await post({ event_types: 'inventory.count.updated', notification_url: rig.receiver.url })).status).toBe(400);
    expect(rig.sim.state.webhookSubscriptions.size).toBe(0);
  });

  /** The seller authorises the app through the sandbox's OAuth flow (consent, then ObtainToken): Square's answer. */
  const authorise = async (): Promise<{ access_token: string; merchant_id: string }> => {
    const redirectUri = 'https://hub.example.test/cb';
    const back = await consentRedirect(new URL('/oauth2/authorize', rig.sim.baseUrl), {
      client_id: SIM_OAUTH_APP.clientId,
      scope: 'INVENTORY_READ',
      state: 's',
      redirect_uri: redirectUri,
    });
    const code = back.searchParams.get('code')!;
    const token = await postCodeGrant(`${rig.sim.baseUrl}/oauth2/token`, { ...SIM_OAUTH_APP, code, redirectUri, as: 'json' });
    return (await token.json()) as { access_token: string; merchant_id: string };
  };

  it("refuses a seller's OAuth token: subscriptions belong to the application", async () => {
    const { access_token } = await authorise();
    const refused = await call(rig.sim, 'GET', '/v2/webhooks/subscriptions', undefined, access_token);
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0]).toMatchObject({ category: 'AUTHENTICATION_ERROR', code: 'INSUFFICIENT_SCOPES' });
    expect((await call(rig.sim, 'GET', `/v2/locations/${SIM_LOCATION_ID}`, undefined, access_token)).status).toBe(200);
  });

  it('a Dashboard count edit notifies inventory.count.updated, shaped and signed as documented, that the plugin verifies and reads', async () => {
    const secret = await subscribeReceiver();
    rig.sim.manualEdit({ externalProductId: 'ITEM1', externalVariantId: '102' }, quantity(17));
    const d = await theOnlyDelivery(rig);
    const e = evidence(DIR, 'notice-delivery-inventory-count-updated');
    const body = expectDocumentedDelivery(d, e);
    expect(Object.keys(body)).toEqual(Object.keys(e.request!.body as object));
    const headers = d.headers;
    expect(notices.verify({ headers, rawBody: d.body, secret, deliveryUrl: rig.receiver.url })).toBe(true);
    expect(notices.refs(body, headers)).toEqual([{ externalVariantId: '102' }]);
    expect(body.merchant_id).toBe(rig.sim.state.merchantId);
    expect(body.data.object.inventory_counts[0]).toMatchObject({ location_id: SIM_LOCATION_ID, quantity: '17', state: 'IN_STOCK' });
    expect(rig.sim.state.outbox.deliveries.map((x) => x.status)).toEqual([202]);
  });

  it("an API count write notifies too (the hub's own); untracking notifies nothing; a disabled subscription receives nothing", async () => {
    const secret = await subscribeReceiver();
    const at = new Date().toISOString();
    const write = (quantity: string) =>
      call(rig.sim, 'POST', '/v2/inventory/changes/batch-create', {
        idempotency_key: `k${quantity}`,
        changes: [
          {
            type: 'PHYSICAL_COUNT',
            physical_count: { catalog_object_id: '101', location_id: SIM_LOCATION_ID, state: 'IN_STOCK', quantity, occurred_at: at },
          },
        ],
      });
    expect((await write('9')).status).toBe(200);
    await rig.settle();
    expect(rig.receiver.deliveries).toHaveLength(1);
    expect(verifiesFirstDelivery(secret)).toBe(true);
    expect(notices.refs(JSON.parse(rig.receiver.deliveries[0]!.text), {})).toEqual([{ externalVariantId: '101' }]);
    await write('9'); // the same key and body: replayed, nothing changes
    rig.sim.manualEdit({ externalProductId: 'ITEM1', externalVariantId: '101' }, UNLIMITED);
    await rig.settle();
    expect(rig.receiver.deliveries).toHaveLength(1);
    const [sub] = [...rig.sim.state.webhookSubscriptions.values()];
    await call(rig.sim, 'PUT', `/v2/webhooks/subscriptions/${sub!.id}`, { subscription: { enabled: false } });
    rig.sim.manualEdit({ externalProductId: 'ITEM1', externalVariantId: '101' }, quantity(4));
    await rig.settle();
    expect(rig.receiver.deliveries).toHaveLength(1);
  });

  it('the plugin subscribes once (idempotent: the same key again, the subscription re-enabled) and unsubscribes', async () => {
    const first = await notices.subscribe!(ctx(), { deliveryUrl: rig.receiver.url, secret: '' });
    const [sub] = [...rig.sim.state.webhookSubscriptions.values()];
    expect(sub).toMatchObject({
      notificationUrl: rig.receiver.url,
      eventTypes: ['inventory.count.updated'],
      enabled: true,
      apiVersion: '2025-08-20',
    });
    expect(first).toEqual({ secret: sub!.signatureKey });
    await call(rig.sim, 'PUT', `/v2/webhooks/subscriptions/${sub!.id}`, { subscription: { enabled: false } });
    const before = calls(rig.sim).length;
    expect(await notices.subscribe!(ctx(), { deliveryUrl: rig.receiver.url, secret: '' })).toEqual(first);
    expect(rig.sim.state.webhookSubscriptions.size).toBe(1);
    expect(sub!.enabled).toBe(true);
    expect(calls(rig.sim).slice(before)).toEqual([
      'GET /v2/webhooks/subscriptions',
      `PUT /v2/webhooks/subscriptions/${sub!.id}`,
      `GET /v2/webhooks/subscriptions/${sub!.id}`,
    ]);
    expect(rig.sim.requests.find((r) => r.method === 'POST' && r.path === '/v2/webhooks/subscriptions')).toBeDefined();
    await notices.unsubscribe!(ctx(), { deliveryUrl: rig.receiver.url });
    expect(rig.sim.state.webhookSubscriptions.size).toBe(0);
  });

  it('an OAuth-connected store is refused before any call (Square takes no OAuth token for subscriptions); unsubscribe does nothing', async () => {
    const oauthCtx = { ...ctx(), credentials: { ...rig.sim.credentials, refreshToken: 'EQAAsim-test-refresh' } };
    await expect(notices.subscribe!(oauthCtx, { deliveryUrl: rig.receiver.url, secret: '' })).rejects.toBeInstanceOf(Rejected);
    await notices.unsubscribe!(oauthCtx, { deliveryUrl: rig.receiver.url });
    expect(calls(rig.sim).filter((c) => c.includes('/v2/webhooks'))).toEqual([]);
  });

  it("an OAuth seller's count edit goes to the app's Developer Console subscription, as documented (notice-delivery-app-subscription)", async () => {
    const app = await startNoticeReceiver({ path: '/hooks/square' });
    try {
      const { merchant_id } = await authorise();
      rig.sim.setAppNoticeUrl(app.url);
      rig.sim.manualEdit({ externalProductId: 'ITEM1', externalVariantId: '102' }, quantity(17));
      await rig.settle();
      expect(app.deliveries).toHaveLength(1);
      expect(rig.receiver.deliveries).toHaveLength(0); // no store subscription was made
      const [d] = app.deliveries;
      const e = evidence(DIR, 'notice-delivery-app-subscription');
      const body = expectDocumentedDelivery(d!, e);
      expect(Object.keys(body)).toEqual(Object.keys(e.request!.body as object));
      // The key the hub is configured with (HUB_OAUTH_SQUARE_NOTICE_KEY) is the simulator's oauthApp.noticeKey.
      expect(simulator.oauthApp!.noticeKey).toBe(SIM_APP_NOTICE_KEY);
      expect(notices.verify({ headers: d!.headers, rawBody: d!.body, secret: SIM_APP_NOTICE_KEY, deliveryUrl: app.url })).toBe(true);
      expect(notices.verify({ headers: d!.headers, rawBody: d!.body, secret: SIM_OAUTH_APP.clientSecret, deliveryUrl: app.url })).toBe(
        false,
      );
      // The seller the notification names is the one ObtainToken answered (the store's externalStoreId).
      expect(notices.storeOf!(body, d!.headers)).toBe(merchant_id);
      expect(notices.refs(body, d!.headers)).toEqual([{ externalVariantId: '102' }]);
    } finally {
      await app.close();
    }
  });

  it("the app's subscription receives nothing without an OAuth grant, without its URL, or once the grant is revoked", async () => {
    const app = await startNoticeReceiver({ path: '/hooks/square' });
    try {
      const edit = async (n: number) => {
        rig.sim.manualEdit({ externalProductId: 'ITEM1', externalVariantId: '101' }, quantity(n));
        await rig.settle();
      };
      rig.sim.setAppNoticeUrl(app.url);
      await edit(11); // a seller connected with its personal access token only
      expect(app.deliveries).toHaveLength(0);
      await authorise();
      rig.sim.setAppNoticeUrl(undefined);
      await edit(12);
      expect(app.deliveries).toHaveLength(0);
      rig.sim.setAppNoticeUrl(app.url);
      await edit(13);
      expect(app.deliveries).toHaveLength(1);
      revokeIssuedGrants(rig.sim);
      await edit(14);
      expect(app.deliveries).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  it('TestWebhookSubscription sends a signed sample the plugin verifies, and answers the receiver status', async () => {
    const secret = await subscribeReceiver();
    const [sub] = [...rig.sim.state.webhookSubscriptions.values()];
    const res = await call(rig.sim, 'POST', `/v2/webhooks/subscriptions/${sub!.id}/test`, { event_type: 'inventory.count.updated' });
    expect(res.status).toBe(200);
    expect(res.body.subscription_test_result.status_code).toBe(202);
    expect(openApiResponseValidator(spec, 'POST', '/v2/webhooks/subscriptions/{subscription_id}/test', 200)(res.body)).toEqual({
      ok: true,
    });
    expect(verifiesFirstDelivery(secret)).toBe(true);
  });
});
