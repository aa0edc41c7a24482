/**
 * TikTok Shop webhooks as platform notices (plugin API 1.4): the documented "(27) Inventory status change", its
 * signature and the Event API's event types (test/evidence/notice-*.json), held against the plugin AND the
 * simulator.
 */
import { join } from 'node:path';
import { documentedDelivery, expectDocumentedDelivery } from '@stock-sync/plugin-testkit/contract';
import { evidence } from '@stock-sync/plugin-testkit/evidence';
import { inboundRequest, useNoticeHarness } from '@stock-sync/plugin-testkit/simulator';
import { theOnlyDelivery } from '@stock-sync/plugin-testkit/contract';
import { plugin, tiktokNoticeRefs, tiktokNoticeStore, tiktokWebhookSignature, verifyDeauthorization } from '../src';
import { SANDBOX_OAUTH_APP } from '../src/simulator';
import { call, connect, startTikTokSimulator } from './support/store';

const DIR = join(__dirname, 'evidence');
const APP = { clientId: 'fixture_app_key', clientSecret: 'fixture-secret-not-a-real-one' };
const notices = plugin.notices!;

const delivery = (name: string) => documentedDelivery(evidence(DIR, name));

describe.each(['notice-inventory-status-change', 'notice-inventory-status-change-realtime'])('the documented delivery %s', (name) => {
  const { headers, rawBody, body } = delivery(name);
  const req = (over: Partial<Parameters<typeof notices.verify>[0]> = {}) => ({
    headers,
    rawBody,
    secret: APP.clientSecret,
    app: APP,
    ...over,
  });

  it('verifies hex HMAC-SHA256(app secret, app key + exact body) in Authorization', () => {
    expect(tiktokWebhookSignature(APP.clientId, APP.clientSecret, rawBody)).toBe(headers.authorization);
    expect(notices.verify(req())).toBe(true);
    expect(notices.verify(req({ headers: { ...headers, authorization: headers.authorization!.toUpperCase() } }))).toBe(true);
  });

  it('refuses another secret, another app key, a changed body, a missing or mangled signature, no app', () => {
    expect(notices.verify(req({ secret: 'another-secret' }))).toBe(false);
    expect(notices.verify(req({ app: { ...APP, clientId: 'other_key' } }))).toBe(false);
    expect(notices.verify(req({ rawBody: Buffer.from(rawBody.toString().replace('"sku_id":"', '"sku_id":"1')) }))).toBe(false);
    const { authorization: _omitted, ...unsigned } = headers;
    expect(notices.verify(req({ headers: unsigned }))).toBe(false);
    expect(notices.verify(req({ headers: { ...headers, authorization: 'Bearer abc' } }))).toBe(false);
    expect(notices.verify(req({ secret: '' }))).toBe(false);
    expect(notices.verify(req({ app: undefined }))).toBe(false);
  });

  it('names the SKU by product_id and sku_id, and the shop by shop_id', () => {
    expect(notices.refs(body, headers)).toEqual([{ externalProductId: body.data.product_id, externalVariantId: body.data.sku_id }]);
    expect(notices.storeOf!(body, headers)).toBe('7494049642642441621');
  });
});

describe('refs and storeOf on other bodies', () => {
  const base = delivery('notice-inventory-status-change-realtime').body;

  it('other webhook types the one URL also receives name nothing (orders, the deauthorization)', () => {
    const other = delivery('webhook-signature').body;
    expect(tiktokNoticeRefs(other)).toEqual([]);
    expect(tiktokNoticeRefs({ type: 6, shop_id: '1', timestamp: 1, data: { message: 'x' } })).toEqual([]);
    expect(tiktokNoticeStore(other)).toBe('7494726673780148744');
  });

  it('throws on a body that is not the documented shape, or ids that are not strings of digits', () => {
    expect(() => tiktokNoticeRefs('x')).toThrow();
    expect(() => tiktokNoticeRefs({ ...base, type: '27' })).toThrow();
    expect(() => tiktokNoticeRefs({ ...base, data: null })).toThrow();
    // A number loses digits in JSON.parse (19-digit ids): refused, never matched against the wrong SKU.
    expect(() => tiktokNoticeRefs({ ...base, data: { ...base.data, sku_id: Number('1729592969712207013') } })).toThrow();
    expect(() => tiktokNoticeRefs({ ...base, data: { ...base.data, product_id: undefined } })).toThrow();
    expect(tiktokNoticeStore({ ...base, shop_id: undefined })).toBeUndefined();
    expect(tiktokNoticeStore([])).toBeUndefined();
  });

  it('the deauthorization check shares the recipe: a signed type 27 is no deauthorization, a signed type 6 is', () => {
    const { headers, rawBody } = delivery('notice-inventory-status-change');
    expect(verifyDeauthorization(inboundRequest({ method: 'POST', headers, body: rawBody }), APP)).toBeNull();
    const deauth = Buffer.from(JSON.stringify({ type: 6, shop_id: '7494049642642441621', timestamp: 1, data: { message: 'm' } }));
    const signed = { ...headers, authorization: tiktokWebhookSignature(APP.clientId, APP.clientSecret, deauth) };
    expect(verifyDeauthorization(inboundRequest({ method: 'POST', headers: signed, body: deauth }), APP)).toMatchObject({
      externalStoreId: '7494049642642441621',
    });
  });
});

it('app-signed, app-settings delivery: no subscribe, because the Event API lists no inventory event type', () => {
  const e = evidence(DIR, 'notice-event-update-shop-webhook');
  expect(notices.signedWith).toBe('app');
  expect(notices.topics).toEqual(['INVENTORY_STATUS_CHANGE']);
  expect(notices.subscribe).toBeUndefined();
  expect(notices.unsubscribe).toBeUndefined();
  expect(e.note).not.toMatch(/INVENTORY_STATUS_CHANGE/);
});

describe('the simulator', () => {
  const PRODUCT = '1729592969712207008';
  const SKU = '1729592969712207013';
  const ref = { externalProductId: PRODUCT, externalVariantId: SKU };
  const app = SANDBOX_OAUTH_APP;

  const rig = useNoticeHarness({
    start: startTikTokSimulator,
    receiver: { path: '/hooks/tiktok-shop', status: 200 },
    setup: (s, hookUrl) => {
      s.seed([{ productId: PRODUCT, variants: [{ variantId: SKU, initial: { kind: 'quantity', quantity: 3 } }] }]);
      s.setAppNoticeUrl(hookUrl);
    },
  });

  it('a seller emptying a SKU sends the REALTIME inventory status change, documented shape, signed with the app', async () => {
    rig.sim.manualEdit(ref, { kind: 'out_of_stock' });
    const d = await theOnlyDelivery(rig);
    const body = expectDocumentedDelivery(d, evidence(DIR, 'notice-inventory-status-change-realtime'));
    expect(body.data).toMatchObject({ current_inventory_status: 'OUT_OF_STOCK', trigger_reason: { alert_type: 'REALTIME' } });
    const headers = d.headers;
    expect(notices.verify({ headers, rawBody: d.body, secret: app.clientSecret, app })).toBe(true);
    expect(notices.refs(body, headers)).toEqual([ref]);
    expect(notices.storeOf!(body, headers)).toBe(rig.sim.state.shops[0]!.id);
    expect(rig.sim.state.outbox.deliveries.map((x) => x.status)).toEqual([200]);
  });

  it('an edit that leaves the SKU above its stock alert sends nothing; a drop to LOW_STOCK does', async () => {
    rig.sim.state.products.get(PRODUCT)!.skus.get(SKU)!.lowStockAlert = 5;
    rig.sim.manualEdit(ref, { kind: 'quantity', quantity: 40 });
    await rig.settle();
    expect(rig.received).toHaveLength(0);
    rig.sim.manualEdit(ref, { kind: 'quantity', quantity: 4 });
    expect(JSON.parse((await theOnlyDelivery(rig)).text).data).toMatchObject({
      current_inventory_status: 'LOW_STOCK',
      trigger_reason: { low_stock_threshold: 5 },
      inventory_distribution: { available_quantity: 4 },
    });
  });

  it("an API write that empties the SKU sends it too (the page names no source); without the app's URL nothing is sent", async () => {
    const out = await connect(rig.sim).writeStock([{ ...ref, target: { kind: 'out_of_stock' } }]);
    expect(out[0]!.status).toBe('written');
    await rig.settle();
    expect(rig.received).toHaveLength(1);
    await call(rig.sim, 'POST', `/product/202309/products/${PRODUCT}/inventory/update`, {
      body: { skus: [{ id: SKU, inventory: [{ quantity: 9 }] }] },
    });
    rig.sim.setAppNoticeUrl(undefined);
    rig.sim.manualEdit(ref, { kind: 'out_of_stock' });
    await rig.settle();
    expect(rig.received).toHaveLength(1);
  });
});
