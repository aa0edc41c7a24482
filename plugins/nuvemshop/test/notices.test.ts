/**
 * Nuvemshop webhooks as platform notices (plugin API 1.4): the documented delivery, signature and webhook
 * routes (test/evidence/webhook-*.json) held against the plugin AND the simulator.
 *
 * The testkit's notices contract runs in contract.test.ts (`product/updated` names the edited variant by its
 * product only). This file also checks: subscribe through the API, a manual edit arrives signed with the app's
 * secret, refused with another secret or a changed body, storeOf, nothing after unsubscribe.
 */
import { join } from 'node:path';
import { createHttpClient, hmacSha256 } from '@stock-sync/plugin-sdk';
import type { NoticeRequest } from '@stock-sync/plugin-api';
import { documentedDelivery, expectDocumentedDelivery, recordingLogger, requestLines } from '@stock-sync/plugin-testkit/contract';
import { evidence, expectSameShape } from '@stock-sync/plugin-testkit/evidence';
import { theOnlyDelivery } from '@stock-sync/plugin-testkit/contract';
import { useNoticeHarness } from '@stock-sync/plugin-testkit/simulator';
import { nuvemshopNoticeProducts, nuvemshopNoticeRefs, plugin } from '../src';
import { toConnectedStore } from '../src/oauth';
import { SANDBOX_OAUTH_APP, SANDBOX_STORE_ID } from '../src/simulator';
import { apiPath, call, product, startNuvemSimulator } from './support/store';

const DIR = join(__dirname, 'evidence');
const FIXTURE_SECRET = 'fixture-secret-not-a-real-one';
const notices = plugin.notices!;

const app = (secret: string) => ({ clientId: 'fixture-app', clientSecret: secret });
const request = (headers: NoticeRequest['headers'], rawBody: Uint8Array, secret: string): NoticeRequest => ({
  headers,
  rawBody,
  secret,
  deliveryUrl: 'https://hub.example/hooks/nuvemshop/store-1',
  app: app(secret),
});

describe('the plugin reads the documented delivery (webhook-delivery-product-updated)', () => {
  const { headers, rawBody, body } = documentedDelivery(evidence(DIR, 'webhook-delivery-product-updated'));

  it("is signed with the app's secret: hex HMAC-SHA256 of the exact body", () => {
    expect(notices.signedWith).toBe('app');
    expect(hmacSha256(FIXTURE_SECRET, rawBody, 'hex')).toBe(headers['x-linkedstore-hmac-sha256']);
    expect(notices.verify(request(headers, rawBody, FIXTURE_SECRET))).toBe(true);
    // Hex case is not meaningful: an upper-case header still verifies.
    const upper = { ...headers, 'x-linkedstore-hmac-sha256': headers['x-linkedstore-hmac-sha256']!.toUpperCase() };
    expect(notices.verify(request(upper, rawBody, FIXTURE_SECRET))).toBe(true);
  });

  it('refuses a wrong secret, a changed body, a missing, base64 or mangled signature', () => {
    expect(notices.verify(request(headers, rawBody, 'another-secret'))).toBe(false);
    expect(notices.verify(request(headers, Buffer.from(rawBody.toString().replace('1948209', '1948208')), FIXTURE_SECRET))).toBe(false);
    expect(notices.verify(request(headers, Buffer.concat([rawBody, Buffer.from(' ')]), FIXTURE_SECRET))).toBe(false);
    const { ['x-linkedstore-hmac-sha256']: _omitted, ...unsigned } = headers;
    expect(notices.verify(request(unsigned, rawBody, FIXTURE_SECRET))).toBe(false);
    const base64 = hmacSha256(FIXTURE_SECRET, rawBody, 'base64');
    expect(notices.verify(request({ ...headers, 'x-linkedstore-hmac-sha256': base64 }, rawBody, FIXTURE_SECRET))).toBe(false);
    expect(notices.verify(request({ ...headers, 'x-linkedstore-hmac-sha256': 'abc' }, rawBody, FIXTURE_SECRET))).toBe(false);
    expect(notices.verify(request(headers, rawBody, ''))).toBe(false);
  });

  it('storeOf is store_id, as the install flow records the store (token user_id)', () => {
    expect(notices.storeOf!(body, headers)).toBe('123');
    expect(toConnectedStore({ access_token: 'x', user_id: body.store_id }).externalStoreId).toBe(notices.storeOf!(body, headers));
    expect(notices.storeOf!({ event: 'product/updated' }, headers)).toBeUndefined();
  });

  it('names the product (id) but no variant: one product ref (the hub reads back every synced variant of it)', () => {
    expect(nuvemshopNoticeProducts(body)).toEqual(['1948209']);
    expect(notices.refs(body, headers)).toEqual([{ externalProductId: '1948209' }]);
  });

  it('other events name nothing; a body that is not the documented shape throws (the hub answers 400)', () => {
    expect(nuvemshopNoticeRefs({ store_id: 123, event: 'app/uninstalled', id: 1 })).toEqual([]);
    expect(nuvemshopNoticeProducts({ store_id: 123, event: 'order/paid', id: 1 })).toEqual([]);
    expect(() => nuvemshopNoticeRefs('x')).toThrow();
    expect(() => nuvemshopNoticeRefs({ ...body, event: undefined })).toThrow();
    expect(() => nuvemshopNoticeRefs({ ...body, store_id: undefined })).toThrow();
    expect(() => nuvemshopNoticeRefs({ ...body, id: 'abc' })).toThrow();
  });

  it('topics are the documented product/updated', () => {
    expect(notices.topics).toEqual(['product/updated']);
  });
});

describe('the simulator', () => {
  const ctx = () => ({
    credentials: rig.sim.credentials,
    http: createHttpClient({ rateLimit: plugin.manifest.rateLimit }),
    log: recordingLogger(),
  });

  const rig = useNoticeHarness({
    start: startNuvemSimulator,
    receiver: { path: '/hooks/nuvemshop/store-1' },
    setup: (s) => s.seed([product(100, 1, 2, { kind: 'quantity', quantity: 3 })]),
  });

  it('creates, lists and deletes webhooks as documented (webhook-create, webhook-list, webhook-delete)', async () => {
    const create = evidence(DIR, 'webhook-create');
    const created = await call(rig.sim, 'POST', apiPath(rig.sim, create.request!.path), create.request!.body);
    expect(created.status).toBe(create.response!.status);
    expectSameShape(created.body, create.response!.body, create.name);
    const list = evidence(DIR, 'webhook-list');
    const listed = await call(rig.sim, 'GET', apiPath(rig.sim, list.request!.path));
    expect(listed.status).toBe(200);
    expectSameShape(listed.body, list.response!.body, list.name);
    const del = evidence(DIR, 'webhook-delete');
    const deleted = await call(rig.sim, 'DELETE', apiPath(rig.sim, `/webhooks/${created.body.id}`));
    expect(deleted.status).toBe(del.response!.status);
    expect(deleted.body).toEqual(del.response!.body);
    expect((await call(rig.sim, 'DELETE', apiPath(rig.sim, `/webhooks/${created.body.id}`))).status).toBe(404);
  });

  it('refuses an invalid event or url with the documented 422 (webhook-create-invalid); HTTPS only, but for loopback IPs', async () => {
    const bad = evidence(DIR, 'webhook-create-invalid');
    const res = await call(rig.sim, 'POST', apiPath(rig.sim, bad.request!.path), bad.request!.body);
    expect(res.status).toBe(422);
    expect(res.body).toEqual(bad.response!.body);
    const post = (u: string) => call(rig.sim, 'POST', apiPath(rig.sim, '/webhooks'), { event: 'product/updated', url: u });
    expect((await post('http://hub.example/hooks')).body).toEqual({ url: ['invalid url specified'] });
    expect((await post('https://localhost/hooks')).status).toBe(422);
    expect((await post('https://shop.nuvemshop.com.br/hooks')).status).toBe(422);
    expect((await post('https://hub.example/hooks')).status).toBe(201);
    expect((await post(rig.url)).status).toBe(201); // the sandbox's loopback exception
  });

  it('the plugin subscribes once (idempotent), a manual edit arrives signed with the app secret, nothing after unsubscribe', async () => {
    await notices.subscribe!(ctx(), { deliveryUrl: rig.url, secret: 'unused: signed with the app secret' });
    await notices.subscribe!(ctx(), { deliveryUrl: rig.url, secret: 'unused' });
    expect([...rig.sim.state.webhooks.values()].map((w) => [w.event, w.url])).toEqual([['product/updated', rig.url]]);
    const calls = requestLines({ requests: rig.sim.requests.filter((r) => r.path.includes('/webhooks')) });
    const hooks = apiPath(rig.sim, '/webhooks');
    expect(calls).toEqual([`GET ${hooks} 200`, `POST ${hooks} 201`, `GET ${hooks} 200`]);

    rig.sim.manualEdit({ externalProductId: '100', externalVariantId: '2' }, { kind: 'quantity', quantity: 17 });
    const d = await theOnlyDelivery(rig);
    const body = expectDocumentedDelivery(d, evidence(DIR, 'webhook-delivery-product-updated'));
    const headers = d.headers;
    const raw = d.body;
    expect(notices.verify(request(headers, raw, SANDBOX_OAUTH_APP.clientSecret))).toBe(true);
    expect(notices.verify(request(headers, raw, `${SANDBOX_OAUTH_APP.clientSecret}x`))).toBe(false);
    expect(notices.verify(request(headers, Buffer.concat([raw, Buffer.from(' ')]), SANDBOX_OAUTH_APP.clientSecret))).toBe(false);
    expect(notices.storeOf!(body, headers)).toBe(SANDBOX_STORE_ID);
    expect(nuvemshopNoticeProducts(body)).toEqual(['100']);
    expect(rig.sim.state.outbox.deliveries.map((x) => x.status)).toEqual([202]);

    await notices.unsubscribe!(ctx(), { deliveryUrl: rig.url });
    expect(rig.sim.state.webhooks.size).toBe(0);
    rig.sim.manualEdit({ externalProductId: '100', externalVariantId: '2' }, { kind: 'quantity', quantity: 4 });
    await rig.settle();
    expect(rig.received).toHaveLength(1);
  });

  it("the API's own variant writes deliver too (PATCH and PUT); other events' webhooks get nothing", async () => {
    await call(rig.sim, 'POST', apiPath(rig.sim, '/webhooks'), { event: 'product/updated', url: rig.url });
    await call(rig.sim, 'POST', apiPath(rig.sim, '/webhooks'), { event: 'order/paid', url: rig.url });
    expect((await call(rig.sim, 'PATCH', apiPath(rig.sim, '/products/100/variants'), [{ id: 1, stock: 9 }])).status).toBe(200);
    expect((await call(rig.sim, 'PUT', apiPath(rig.sim, '/products/100/variants/2'), { stock: 1 })).status).toBe(200);
    expect((await call(rig.sim, 'PATCH', apiPath(rig.sim, '/products/100/variants'), [{ id: 1, stock: 'x' }])).status).toBe(422);
    await rig.settle();
    expect(rig.received.map((d) => JSON.parse(d.text))).toEqual([
      { store_id: Number(SANDBOX_STORE_ID), event: 'product/updated', id: 100 },
      { store_id: Number(SANDBOX_STORE_ID), event: 'product/updated', id: 100 },
    ]);
  });
});
