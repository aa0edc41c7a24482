/**
 * BigCommerce inventory webhooks as platform notices (plugin API 1.4): the documented callbacks, the Standard
 * Webhooks signature with the app's client secret and the v3 Webhooks API (test/evidence/notice-*.json,
 * webhook-*.json, webhooks-list.json), held against the plugin AND the simulator.
 */
import { join } from 'node:path';
import { createHttpClient } from '@stock-sync/plugin-sdk';
import type { NoticeRequest } from '@stock-sync/plugin-api';
import { evidence, expectSameShape } from '@stock-sync/plugin-testkit/evidence';
import { expectDocumentedDelivery, recordingLogger } from '@stock-sync/plugin-testkit/contract';
import { inboundRequest, useNoticeHarness } from '@stock-sync/plugin-testkit/simulator';
import { loadOpenApiSpec, openApiResponseValidator } from '@stock-sync/plugin-testkit/openapi';
import type { ReceivedNotice } from '@stock-sync/plugin-testkit/simulator';
import { bigcommerceNoticeRefs, plugin, standardWebhookSignature, verifyStandardWebhook } from '../src';
import { SIM_OAUTH_APP } from '../src/simulator';
import { SPEC_DIR } from '../src/simulator/spec-validators';
import { call, calls, product, Q, startBcSimulator, U, V3 } from './support/store';

const DIR = join(__dirname, 'evidence');
const FIXTURE_SECRET = 'fixture-secret-not-a-real-one';
const notices = plugin.notices!;
const spec = loadOpenApiSpec(join(SPEC_DIR, 'bigcommerce-webhooks.v3.yml'));

describe.each([
  ['notice-delivery-sku-inventory-updated', [{ externalProductId: '206', externalVariantId: '509' }]],
  ['notice-delivery-stock-changed', [{ externalProductId: '113', externalVariantId: '127' }]],
])('the plugin reads the documented callback (%s)', (name, refs) => {
  const e = evidence(DIR, name);
  // Header names in lower case, the body's exact bytes: as the host hands a delivery over.
  const { headers, rawBody } = inboundRequest({ headers: e.request!.headers, body: JSON.stringify(e.request!.body) });
  const at = Number(headers['webhook-timestamp']);
  const req = (over: Partial<NoticeRequest> = {}): NoticeRequest => ({ headers, rawBody, secret: FIXTURE_SECRET, ...over });

  it('verifies the Standard Webhooks signature: v1, base64 HMAC-SHA256 of id.timestamp.body with the client secret', () => {
    expect(standardWebhookSignature(headers['webhook-id']!, at, rawBody, FIXTURE_SECRET)).toBe(headers['webhook-signature']);
    expect(verifyStandardWebhook(req(), at)).toBe(true);
    expect(
      verifyStandardWebhook(req({ headers: { ...headers, 'webhook-signature': `v1,AAAA ${headers['webhook-signature']}` } }), at),
    ).toBe(true);
  });

  it('refuses a wrong secret, a changed body, another id, a stale or future timestamp, a missing or mangled signature', () => {
    expect(verifyStandardWebhook(req({ secret: 'another-secret' }), at)).toBe(false);
    expect(verifyStandardWebhook(req({ secret: '' }), at)).toBe(false);
    expect(verifyStandardWebhook(req({ rawBody: Buffer.concat([rawBody, Buffer.from(' ')]) }), at)).toBe(false);
    expect(verifyStandardWebhook(req({ headers: { ...headers, 'webhook-id': 'msg_other' } }), at)).toBe(false);
    expect(verifyStandardWebhook(req(), at + 301)).toBe(false);
    expect(verifyStandardWebhook(req(), at - 301)).toBe(false);
    expect(verifyStandardWebhook(req(), at + 300)).toBe(true);
    expect(notices.verify(req())).toBe(false); // the documented timestamp is years old: a replay
    const { ['webhook-signature']: _omitted, ...unsigned } = headers;
    expect(verifyStandardWebhook(req({ headers: unsigned }), at)).toBe(false);
    expect(verifyStandardWebhook(req({ headers: { ...headers, 'webhook-signature': 'v1,AAAA' } }), at)).toBe(false);
    expect(
      verifyStandardWebhook(req({ headers: { ...headers, 'webhook-signature': headers['webhook-signature']!.replace('v1,', 'v2,') } }), at),
    ).toBe(false);
    expect(verifyStandardWebhook(req({ headers: { ...headers, 'webhook-timestamp': `${at}x` } }), at)).toBe(false);
  });

  it('names the variant by the payload product_id and variant_id (the ids the plugin syncs)', () => {
    expect(notices.refs(e.request!.body, headers)).toEqual(refs);
  });
});

it('topics and signer: both inventory scopes, signed with the app client secret, subscribed per store', () => {
  expect(notices.topics).toEqual(['store/sku/inventory/updated', 'store/channel/*/inventory/product/stock_changed']);
  expect(notices.signedWith).toBe('app');
  expect(notices.storeOf).toBeUndefined();
});

it('refs: the SKU id is not the variant id; other scopes name none; a stock change without variant names none; foreign shapes throw', () => {
  const sku = {
    scope: 'store/sku/inventory/updated',
    data: { type: 'sku', id: 461, inventory: { product_id: 206, value: 5, variant_id: 509 } },
  };
  expect(bigcommerceNoticeRefs(sku)).toEqual([{ externalProductId: '206', externalVariantId: '509' }]);
  expect(
    bigcommerceNoticeRefs({
      scope: 'store/channel/3/inventory/product/stock_changed',
      data: { product_id: 1, variant_id: 2, location_id: 1 },
    }),
  ).toEqual([{ externalProductId: '1', externalVariantId: '2' }]);
  expect(
    bigcommerceNoticeRefs({ scope: 'store/channel/*/inventory/product/stock_changed', data: { product_id: 1, location_id: 1 } }),
  ).toEqual([]);
  expect(bigcommerceNoticeRefs({ scope: 'store/order/created', data: { type: 'order', id: 1 } })).toEqual([]);
  expect(() => bigcommerceNoticeRefs('x')).toThrow();
  expect(() => bigcommerceNoticeRefs({ scope: 'store/sku/inventory/updated', data: { type: 'sku', id: 461 } })).toThrow();
  expect(() => bigcommerceNoticeRefs({ ...sku, data: { ...sku.data, inventory: { variant_id: 509 } } })).toThrow();
  expect(() => bigcommerceNoticeRefs({ ...sku, data: { ...sku.data, inventory: { product_id: 206, variant_id: '509' } } })).toThrow();
});

describe('the simulator', () => {
  const ctx = () => ({
    credentials: rig.sim.credentials,
    http: createHttpClient({ rateLimit: plugin.manifest.rateLimit, maxAttempts: 1 }),
    log: recordingLogger(),
  });
  const verified = (d: ReceivedNotice, secret: string = SIM_OAUTH_APP.clientSecret) =>
    notices.verify({ headers: d.headers, rawBody: d.body, secret, app: { ...SIM_OAUTH_APP } });
  // `headers` is an open map of the hook's custom headers: its documented key is an example.
  const holds = (res: { status: number; body: unknown }, name: string, method: string, path: string) => {
    const e = evidence(DIR, name);
    expect(res.status).toBe(e.response!.status);
    expectSameShape(res.body, e.response!.body, e.name, { ignore: ['$.data[].headers.custom-key', '$.data.headers.custom-key'] });
    expect(openApiResponseValidator(spec, method, path, res.status)(res.body)).toEqual({ ok: true });
  };

  const rig = useNoticeHarness({
    start: startBcSimulator,
    receiver: { path: '/hooks/bigcommerce/store-1' },
    setup: (s) => s.seed([product(10, 101, 2, Q(5)), product(20, 201, 1, U)]),
  });

  it('answers the documented webhook calls (webhook-create, webhooks-list, webhook-update, webhook-delete), valid per the reference', async () => {
    const e = evidence(DIR, 'webhook-create');
    const created = await call(rig.sim, 'POST', `${V3}/hooks`, e.request!.body);
    holds(created, 'webhook-create', 'POST', '/hooks');
    const id = created.body.data.id as number;
    const listed = await call(
      rig.sim,
      'GET',
      `${V3}/hooks?destination=${encodeURIComponent((e.request!.body as { destination: string }).destination)}&page=1&limit=250`,
    );
    holds(listed, 'webhooks-list', 'GET', '/hooks');
    expect(listed.body.data.map((h: { id: number }) => h.id)).toEqual([id]);
    expect((await call(rig.sim, 'GET', `${V3}/hooks?destination=https://elsewhere.example.com/x`)).body.data).toEqual([]);
    const updated = await call(rig.sim, 'PUT', `${V3}/hooks/${id}`, evidence(DIR, 'webhook-update').request!.body);
    holds(updated, 'webhook-update', 'PUT', '/hooks/{webhook_id}');
    expect((await call(rig.sim, 'PUT', `${V3}/hooks/${id}`, {})).status).toBe(422);
    const deleted = await call(rig.sim, 'DELETE', `${V3}/hooks/${id}`);
    holds(deleted, 'webhook-delete', 'DELETE', '/hooks/{webhook_id}');
    expect((await call(rig.sim, 'GET', `${V3}/hooks/${id}`)).status).toBe(404);
  });

  it('refuses a hook without scope or destination (webhook_Base requires both)', async () => {
    expect((await call(rig.sim, 'POST', `${V3}/hooks`, { scope: 'store/sku/inventory/updated' })).status).toBe(422);
    expect((await call(rig.sim, 'POST', `${V3}/hooks`, { destination: rig.url })).status).toBe(422);
    expect((await call(rig.sim, 'POST', `${V3}/hooks`, { scope: 'store/sku/inventory/updated', destination: 'ftp://x' })).status).toBe(422);
    expect(rig.sim.state.hooks.size).toBe(0);
  });

  it('a control-panel count edit sends both documented callbacks, signed with the app secret, that the plugin verifies and reads', async () => {
    await notices.subscribe!(ctx(), { deliveryUrl: rig.url, secret: '' });
    rig.sim.manualEdit({ externalProductId: '10', externalVariantId: '102' }, Q(17));
    await rig.settle();
    expect(rig.received).toHaveLength(2);
    const byScope = new Map(rig.received.map((d) => [JSON.parse(d.text).scope as string, d]));
    for (const [scope, name] of [
      ['store/sku/inventory/updated', 'notice-delivery-sku-inventory-updated'],
      ['store/channel/*/inventory/product/stock_changed', 'notice-delivery-stock-changed'],
    ] as const) {
      const d = byScope.get(scope)!;
      const body = expectDocumentedDelivery(d, evidence(DIR, name));
      expect(verified(d)).toBe(true);
      expect(verified(d, `${SIM_OAUTH_APP.clientSecret}x`)).toBe(false);
      expect(notices.refs(body, d.headers)).toEqual([{ externalProductId: '10', externalVariantId: '102' }]);
      expect(body.producer).toBe('stores/simstore1');
    }
    expect(JSON.parse(byScope.get('store/sku/inventory/updated')!.text).data.inventory).toMatchObject({ method: 'relative', value: 12 });
    expect(rig.sim.state.outbox.deliveries.map((x) => x.status)).toEqual([202, 202]);
  });

  it('an API absolute adjustment sends the callbacks too; a purchasing switch or an inactive hook sends nothing', async () => {
    await notices.subscribe!(ctx(), { deliveryUrl: rig.url, secret: '' });
    const adj = await call(rig.sim, 'PUT', `${V3}/inventory/adjustments/absolute`, {
      reason: 'test',
      items: [{ location_id: 1, variant_id: 101, quantity: 9 }],
    });
    expect(adj.status).toBe(200);
    await rig.settle();
    expect(rig.received).toHaveLength(2);
    expect(rig.received.every((d) => verified(d))).toBe(true);
    rig.sim.manualEdit({ externalProductId: '20', externalVariantId: '201' }, { kind: 'out_of_stock' }); // untracked: purchasing_disabled
    await rig.settle();
    expect(rig.received).toHaveLength(2);
    for (const h of rig.sim.state.hooks.values()) await call(rig.sim, 'PUT', `${V3}/hooks/${h.id}`, { is_active: false });
    rig.sim.manualEdit({ externalProductId: '10', externalVariantId: '101' }, Q(4));
    await rig.settle();
    expect(rig.received).toHaveLength(2);
  });

  it('the plugin subscribes once per scope (idempotent: an inactive hook re-activated, nothing duplicated) and unsubscribes', async () => {
    await notices.subscribe!(ctx(), { deliveryUrl: rig.url, secret: '' });
    const hooks = () => [...rig.sim.state.hooks.values()].map((h) => [h.scope, h.destination, h.isActive]);
    expect(hooks()).toEqual([
      ['store/sku/inventory/updated', rig.url, true],
      ['store/channel/*/inventory/product/stock_changed', rig.url, true],
    ]);
    const [first] = [...rig.sim.state.hooks.values()];
    first!.isActive = false;
    const before = calls(rig.sim).length;
    await notices.subscribe!(ctx(), { deliveryUrl: rig.url, secret: '' });
    expect(hooks()).toEqual([
      ['store/sku/inventory/updated', rig.url, true],
      ['store/channel/*/inventory/product/stock_changed', rig.url, true],
    ]);
    expect(calls(rig.sim).slice(before)).toEqual(['GET /hooks', `PUT /hooks/${first!.id}`]);
    await notices.unsubscribe!(ctx(), { deliveryUrl: rig.url });
    expect(rig.sim.state.hooks.size).toBe(0);
  });
});
