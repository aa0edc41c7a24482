/**
 * Webflow's ecomm_inventory_changed webhook as platform notices (plugin API 1.4, signedWith 'app'): the documented
 * delivery, signature and webhook routes (test/evidence/webhook-*.json), held against the plugin AND the simulator.
 */
import { join } from 'node:path';
import { createHttpClient } from '@stock-sync/plugin-sdk';
import type { NoticeRequest } from '@stock-sync/plugin-api';
import { evidence, expectSameShape } from '@stock-sync/plugin-testkit/evidence';
import { expectDocumentedDelivery } from '@stock-sync/plugin-testkit/contract';
import { inboundRequest, useNoticeHarness } from '@stock-sync/plugin-testkit/simulator';
import { theOnlyDelivery } from '@stock-sync/plugin-testkit/contract';
import { createWebflowNotices, plugin, webflowNoticeRefs, webflowShownStock, webflowSignature } from '../src';
import { SANDBOX_OAUTH_APP, SANDBOX_SITE_ID } from '../src/simulator';
import { call as callSite, startWebflowSimulator } from './support/site';

const DIR = join(__dirname, 'evidence');
const FIXTURE_SECRET = 'fixture-secret-not-a-real-one';
/** The fixture delivery's x-webflow-timestamp (ms). */
const FIXTURE_TS = 1764763200000;
const atFixtureTime = (offsetMs = 0) => createWebflowNotices(() => FIXTURE_TS + offsetMs);

describe('the plugin reads the documented delivery (webhook-delivery-ecomm-inventory-changed)', () => {
  const e = evidence(DIR, 'webhook-delivery-ecomm-inventory-changed');
  // Header names in lower case, the body's exact bytes: as the host hands a delivery over.
  const { headers, rawBody } = inboundRequest({ headers: e.request!.headers, body: JSON.stringify(e.request!.body) });
  const req = (over: Partial<NoticeRequest> = {}): NoticeRequest => ({ headers, rawBody, secret: FIXTURE_SECRET, ...over });

  it('verifies the documented signature: hex HMAC-SHA256 of `timestamp:body` with the app client secret', () => {
    expect(webflowSignature(headers['x-webflow-timestamp']!, rawBody, FIXTURE_SECRET)).toBe(headers['x-webflow-signature']);
    expect(atFixtureTime(1_000).verify(req())).toBe(true);
  });

  it('refuses a wrong secret, a changed body or timestamp, a missing or mangled signature', () => {
    const n = atFixtureTime();
    expect(n.verify(req({ secret: 'another-secret' }))).toBe(false);
    expect(n.verify(req({ secret: '' }))).toBe(false);
    expect(n.verify(req({ rawBody: Buffer.from(rawBody.toString().replace('"quantity":83', '"quantity":84')) }))).toBe(false);
    expect(n.verify(req({ headers: { ...headers, 'x-webflow-timestamp': String(FIXTURE_TS + 1) } }))).toBe(false);
    const { ['x-webflow-signature']: _s, ...unsigned } = headers;
    expect(n.verify(req({ headers: unsigned }))).toBe(false);
    const { ['x-webflow-timestamp']: _t, ...undated } = headers;
    expect(n.verify(req({ headers: undated }))).toBe(false);
    expect(n.verify(req({ headers: { ...headers, 'x-webflow-signature': 'abc' } }))).toBe(false);
    expect(n.verify(req({ headers: { ...headers, 'x-webflow-timestamp': 'soon' } }))).toBe(false);
  });

  it('enforces the documented 5-minute window on x-webflow-timestamp (either way)', () => {
    expect(atFixtureTime(5 * 60_000).verify(req())).toBe(true);
    expect(atFixtureTime(5 * 60_000 + 1).verify(req())).toBe(false);
    expect(atFixtureTime(-(5 * 60_000 + 1)).verify(req())).toBe(false);
  });

  it('names the SKU (the plugin’s externalVariantId; the payload names no product) and what it shows (finite 83)', () => {
    expect(plugin.notices!.refs(e.request!.body, headers)).toEqual([
      { externalVariantId: '5bfedb42bab0ad90fa7dad39', shown: { kind: 'quantity', quantity: 83 } },
    ]);
  });

  it("reads what the SKU shows with readStock's own mapping (fromInventory); an undocumented shape gives nothing", () => {
    expect(webflowShownStock({ inventoryType: 'finite', quantity: 83 })).toEqual({ kind: 'quantity', quantity: 83 });
    expect(webflowShownStock({ inventoryType: 'finite', quantity: 0 })).toEqual({ kind: 'out_of_stock' });
    expect(webflowShownStock({ inventoryType: 'finite', quantity: -3 })).toEqual({ kind: 'out_of_stock' });
    expect(webflowShownStock({ inventoryType: 'infinite', quantity: 0 })).toEqual({ kind: 'unlimited' });
    expect(webflowShownStock({ inventoryType: 'infinite' })).toEqual({ kind: 'unlimited' });
    expect(webflowShownStock({ inventoryType: 'finite' })).toBeUndefined();
    expect(webflowShownStock({ inventoryType: 'finite', quantity: '5' })).toBeUndefined();
    expect(webflowShownStock({ quantity: 5 })).toBeUndefined();
    expect(webflowShownStock({ inventoryType: 'tracked', quantity: 5 })).toBeUndefined();
    expect(webflowNoticeRefs({ triggerType: 'ecomm_inventory_changed', payload: { id: 'sku9' } })).toEqual([{ externalVariantId: 'sku9' }]);
  });

  it('another trigger names nothing; a body without triggerType, or the trigger without payload.id, throws', () => {
    expect(webflowNoticeRefs({ triggerType: 'ecomm_new_order', payload: { orderId: 'x' } })).toEqual([]);
    expect(() => webflowNoticeRefs({ payload: { id: 'x' } })).toThrow();
    expect(() => webflowNoticeRefs({ triggerType: 'ecomm_inventory_changed', payload: {} })).toThrow();
    expect(() => webflowNoticeRefs([])).toThrow();
  });

  it('the notices part: ecomm_inventory_changed, signed with the app, subscribed through the API', () => {
    const n = plugin.notices!;
    expect(n.topics).toEqual(['ecomm_inventory_changed']);
    expect(n.signedWith).toBe('app');
    expect(typeof n.subscribe).toBe('function');
    expect(typeof n.unsubscribe).toBe('function');
    expect(n.storeOf).toBeUndefined();
  });
});

describe('the simulator', () => {
  const ctx = () => ({
    credentials: rig.sim.credentials,
    http: createHttpClient({ rateLimit: plugin.manifest.rateLimit }),
    log: { debug() {}, info() {}, warn() {}, error() {} },
  });
  const call = (method: string, path: string, body?: unknown) => callSite(rig.sim, method, path, body);

  const rig = useNoticeHarness({
    start: startWebflowSimulator,
    receiver: { path: '/hooks/webflow/store-1' },
    setup: (s) => s.seed([{ productId: 'p1', variants: [{ variantId: 'sku1', initial: { kind: 'quantity', quantity: 3 } }] }]),
  });

  it('creates, lists and deletes webhooks as documented (webhook-create, webhook-list, webhook-delete)', async () => {
    const create = evidence(DIR, 'webhook-create');
    const path = (p: string) => p.replace('580e63e98c9a982ac9b8b741', SANDBOX_SITE_ID);
    const created = await call('POST', path(create.request!.path), create.request!.body);
    expect(created.status).toBe(create.response!.status);
    expectSameShape(created.body, create.response!.body, create.name);
    const list = evidence(DIR, 'webhook-list');
    await call('POST', path(create.request!.path), { triggerType: 'form_submission', url: 'https://example.com/form' });
    const listed = await call('GET', path(list.request!.path));
    expect(listed.status).toBe(list.response!.status);
    // filter belongs to form_submission webhooks; lastTriggered to a webhook that has fired (these have not; whether
    // Webflow leaves it out or answers null then is unverified).
    expectSameShape(listed.body, list.response!.body, list.name, { ignore: ['$.webhooks[].filter', '$.webhooks[].lastTriggered'] });
    const del = evidence(DIR, 'webhook-delete');
    const deleted = await call('DELETE', `/v2/webhooks/${created.body.id}`);
    expect(deleted.status).toBe(del.response!.status);
    expect(deleted.body).toBe(''); // no body
    expect((await call('DELETE', `/v2/webhooks/${created.body.id}`)).status).toBe(404);
  });

  it('refuses an unknown trigger, a bad URL, another site', async () => {
    const at = `/v2/sites/${SANDBOX_SITE_ID}/webhooks`;
    expect((await call('POST', at, { triggerType: 'nope', url: rig.url })).status).toBe(400);
    expect((await call('POST', at, { triggerType: 'ecomm_inventory_changed', url: 'ftp://x' })).status).toBe(400);
    expect(
      (await call('POST', '/v2/sites/000000000000000000000000/webhooks', { triggerType: 'ecomm_inventory_changed', url: rig.url })).status,
    ).toBe(404);
  });

  it('a manual edit delivers ecomm_inventory_changed, signed and shaped as documented, that the plugin verifies and reads', async () => {
    await plugin.notices!.subscribe!(ctx(), { deliveryUrl: rig.url, secret: 'unused: signed with the app secret' });
    rig.sim.manualEdit({ externalProductId: 'p1', externalVariantId: 'sku1' }, { kind: 'quantity', quantity: 17 });
    const d = await theOnlyDelivery(rig);
    const body = expectDocumentedDelivery(d, evidence(DIR, 'webhook-delivery-ecomm-inventory-changed'));
    const headers = d.headers;
    const n = plugin.notices!;
    expect(n.verify({ headers, rawBody: d.body, secret: SANDBOX_OAUTH_APP.clientSecret })).toBe(true);
    expect(n.verify({ headers, rawBody: d.body, secret: `${SANDBOX_OAUTH_APP.clientSecret}x` })).toBe(false);
    expect(n.refs(body, headers)).toEqual([{ externalVariantId: 'sku1', shown: { kind: 'quantity', quantity: 17 } }]);
    expect(body.payload).toEqual({ id: 'sku1', quantity: 17, inventoryType: 'finite' });
    expect(rig.sim.state.outbox.deliveries.map((x) => x.status)).toEqual([202]);
  });

  it('an API write (the hub’s own) delivers too; after unsubscribe nothing', async () => {
    await plugin.notices!.subscribe!(ctx(), { deliveryUrl: rig.url, secret: 's' });
    const conn = plugin.connect(ctx());
    await conn.writeStock([{ externalProductId: 'p1', externalVariantId: 'sku1', target: { kind: 'unlimited' } }]);
    const echo = await theOnlyDelivery(rig);
    expect(JSON.parse(echo.text).payload).toMatchObject({ id: 'sku1', inventoryType: 'infinite' });
    // The echo of the write says what was written: the hub recognises its own write and reads nothing back.
    expect(plugin.notices!.refs(JSON.parse(echo.text), echo.headers)).toEqual([
      { externalVariantId: 'sku1', shown: { kind: 'unlimited' } },
    ]);
    await plugin.notices!.unsubscribe!(ctx(), { deliveryUrl: rig.url });
    expect(rig.sim.state.webhooks.size).toBe(0);
    rig.sim.manualEdit({ externalProductId: 'p1', externalVariantId: 'sku1' }, { kind: 'quantity', quantity: 1 });
    await rig.settle();
    expect(rig.received).toHaveLength(1);
  });

  it('the plugin subscribes once (idempotent: a second subscribe keeps the webhook) and unsubscribes only its URL', async () => {
    await call('POST', `/v2/sites/${SANDBOX_SITE_ID}/webhooks`, { triggerType: 'ecomm_inventory_changed', url: 'https://other.example/x' });
    await plugin.notices!.subscribe!(ctx(), { deliveryUrl: rig.url, secret: 'first' });
    await plugin.notices!.subscribe!(ctx(), { deliveryUrl: rig.url, secret: 'second' });
    const mine = () => [...rig.sim.state.webhooks.values()].filter((w) => w.url === rig.url);
    expect(mine().map((w) => w.triggerType)).toEqual(['ecomm_inventory_changed']);
    const calls = rig.sim.requests.filter((r) => r.path.includes('webhooks')).map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(calls).toEqual([
      `POST /v2/sites/${SANDBOX_SITE_ID}/webhooks 200`,
      `GET /v2/sites/${SANDBOX_SITE_ID}/webhooks 200`,
      `POST /v2/sites/${SANDBOX_SITE_ID}/webhooks 200`,
      `GET /v2/sites/${SANDBOX_SITE_ID}/webhooks 200`,
    ]);
    await plugin.notices!.unsubscribe!(ctx(), { deliveryUrl: rig.url });
    expect(mine()).toEqual([]);
    expect(rig.sim.state.webhooks.size).toBe(1);
  });
});
