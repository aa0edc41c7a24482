/**
 * WooCommerce webhooks as platform notices (plugin API 1.3): the documented delivery, signature, ping and
 * webhook routes (test/evidence/webhook-*.json), held against the plugin AND the simulator.
 */
import { join } from 'node:path';
import { createHttpClient } from '@stock-sync/plugin-sdk';
import { documentedDelivery, expectDocumentedDelivery, lowerCaseHeaders, recordingLogger } from '@stock-sync/plugin-testkit/contract';
import { evidence, expectSameShape } from '@stock-sync/plugin-testkit/evidence';
import { theOnlyDelivery } from '@stock-sync/plugin-testkit/contract';
import { useNoticeHarness } from '@stock-sync/plugin-testkit/simulator';
import { plugin, wooNoticeRefs, wooShownStock, wooSignature } from '../src';
import { call, product, startWooSimulator } from './support/store';

const DIR = join(__dirname, 'evidence');
const FIXTURE_SECRET = 'fixture-secret-not-a-real-one';
const notices = plugin.notices!;

describe('the plugin reads the documented delivery (webhook-delivery-product-updated)', () => {
  const e = evidence(DIR, 'webhook-delivery-product-updated');
  const { headers, rawBody } = documentedDelivery(e);

  it('verifies the documented signature: base64 HMAC-SHA256 of the exact body with the secret', () => {
    expect(wooSignature(rawBody, FIXTURE_SECRET)).toBe(headers['x-wc-webhook-signature']);
    expect(notices.verify({ headers, rawBody, secret: FIXTURE_SECRET })).toBe(true);
  });

  it('refuses a wrong secret, a changed body, a missing or mangled signature', () => {
    expect(notices.verify({ headers, rawBody, secret: 'another-secret' })).toBe(false);
    expect(
      notices.verify({
        headers,
        rawBody: Buffer.from(rawBody.toString().replace('"stock_quantity":5', '"stock_quantity":6')),
        secret: FIXTURE_SECRET,
      }),
    ).toBe(false);
    const { ['x-wc-webhook-signature']: _omitted, ...unsigned } = headers;
    expect(notices.verify({ headers: unsigned, rawBody, secret: FIXTURE_SECRET })).toBe(false);
    expect(notices.verify({ headers: { ...headers, 'x-wc-webhook-signature': 'AAAA' }, rawBody, secret: FIXTURE_SECRET })).toBe(false);
    expect(notices.verify({ headers, rawBody, secret: '' })).toBe(false);
  });

  it('names the variation: its id and its parent_id, and what it shows (manage_stock true, stock_quantity 5)', () => {
    expect(notices.refs(e.request!.body, headers)).toEqual([
      { externalProductId: '22', externalVariantId: '733', shown: { kind: 'quantity', quantity: 5 } },
    ]);
  });

  it("reads what a variation shows with readStock's own mapping; without the documented stock fields, nothing", () => {
    const shown = (fields: Record<string, unknown>) => wooShownStock(fields);
    expect(shown({ manage_stock: true, stock_quantity: 5, stock_status: 'instock' })).toEqual({ kind: 'quantity', quantity: 5 });
    expect(shown({ manage_stock: true, stock_quantity: -2, stock_status: 'onbackorder' })).toEqual({ kind: 'quantity', quantity: 0 });
    expect(shown({ manage_stock: 'parent', stock_quantity: 7, stock_status: 'instock' })).toEqual({ kind: 'quantity', quantity: 7 });
    expect(shown({ manage_stock: true, stock_quantity: null, stock_status: 'outofstock' })).toEqual({ kind: 'quantity', quantity: 0 });
    expect(shown({ manage_stock: false, stock_quantity: null, stock_status: 'instock' })).toEqual({ kind: 'unlimited' });
    expect(shown({ manage_stock: false, stock_quantity: null, stock_status: 'outofstock' })).toEqual({ kind: 'out_of_stock' });
    expect(shown({ manage_stock: false, stock_quantity: null, stock_status: 'onbackorder' })).toEqual({ kind: 'unlimited' });
    expect(shown({ stock_quantity: 5, stock_status: 'instock' })).toBeUndefined();
    expect(shown({ manage_stock: 'yes', stock_quantity: 5, stock_status: 'instock' })).toBeUndefined();
    expect(shown({ manage_stock: true, stock_quantity: '5', stock_status: 'instock' })).toBeUndefined();
    expect(shown({ manage_stock: true, stock_quantity: 5 })).toBeUndefined();
    expect(wooNoticeRefs({ id: 733, type: 'variation', parent_id: 22 })).toEqual([{ externalProductId: '22', externalVariantId: '733' }]);
  });

  it('a variable product names its variations; a simple product or another topic none; a non-product throws', () => {
    // A variable product's own stock fields are not its variations': they carry no shown.
    expect(
      wooNoticeRefs({
        id: 22,
        type: 'variable',
        parent_id: 0,
        variations: [733, 734],
        manage_stock: true,
        stock_quantity: 4,
        stock_status: 'instock',
      }),
    ).toEqual([
      { externalProductId: '22', externalVariantId: '733' },
      { externalProductId: '22', externalVariantId: '734' },
    ]);
    expect(wooNoticeRefs({ id: 5, type: 'simple', parent_id: 0 })).toEqual([]);
    expect(wooNoticeRefs({ id: 733, parent_id: 22 }, { 'x-wc-webhook-topic': 'order.updated' })).toEqual([]);
    expect(() => wooNoticeRefs('webhook_id=1')).toThrow();
    expect(() => wooNoticeRefs({ id: 'x' })).toThrow();
    expect(() => wooNoticeRefs({ id: 733, type: 'variation' })).toThrow();
  });

  it('topics are the documented product.updated', () => {
    expect(notices.topics).toEqual(['product.updated']);
  });
});

it('the documented ping (webhook-ping) is a ping, unsigned; a signed delivery is not', () => {
  const ping = evidence(DIR, 'webhook-ping');
  expect(notices.isPing!({ headers: lowerCaseHeaders(ping.request!.headers), rawBody: Buffer.from(String(ping.request!.body)) })).toBe(
    true,
  );
  expect(
    notices.verify({ headers: lowerCaseHeaders(ping.request!.headers), rawBody: Buffer.from(String(ping.request!.body)), secret: 'x' }),
  ).toBe(false);
  const d = evidence(DIR, 'webhook-delivery-product-updated');
  expect(notices.isPing!({ headers: lowerCaseHeaders(d.request!.headers), rawBody: Buffer.from(JSON.stringify(d.request!.body)) })).toBe(
    false,
  );
});

describe('the simulator', () => {
  const rig = useNoticeHarness({
    start: startWooSimulator,
    receiver: { path: '/hooks/woocommerce/store-1' },
    setup: (s) => s.seed([product(22, 733, 2, { kind: 'quantity', quantity: 3 })]),
  });

  it('creates a webhook as documented (webhook-create): 201 and the documented object', async () => {
    const e = evidence(DIR, 'webhook-create');
    const res = await call(rig.sim, e.request!.method, e.request!.path, e.request!.body);
    expect(res.status).toBe(e.response!.status);
    expectSameShape(res.body, e.response!.body, e.name);
    expect(res.body.secret).toBeUndefined();
  });

  it('refuses a webhook without a valid topic or delivery URL', async () => {
    expect((await call(rig.sim, 'POST', '/wp-json/wc/v3/webhooks', { topic: 'nope', delivery_url: rig.url })).status).toBe(400);
    expect((await call(rig.sim, 'POST', '/wp-json/wc/v3/webhooks', { topic: 'product.updated', delivery_url: 'ftp://x' })).status).toBe(
      400,
    );
  });

  it('a manual edit delivers product.updated, signed and shaped as documented, that the plugin verifies and reads', async () => {
    await call(rig.sim, 'POST', '/wp-json/wc/v3/webhooks', { topic: 'product.updated', delivery_url: rig.url, secret: 's3cret-for-test' });
    rig.sim.manualEdit({ externalProductId: '22', externalVariantId: '734' }, { kind: 'quantity', quantity: 17 });
    const d = await theOnlyDelivery(rig);
    const body = expectDocumentedDelivery(d, evidence(DIR, 'webhook-delivery-product-updated'));
    expect(d.headers['x-wc-webhook-topic']).toBe('product.updated');
    const headers = d.headers;
    expect(notices.verify({ headers, rawBody: d!.body, secret: 's3cret-for-test' })).toBe(true);
    expect(notices.refs(body, headers)).toEqual([
      { externalProductId: '22', externalVariantId: '734', shown: { kind: 'quantity', quantity: 17 } },
    ]);
    expect(body.stock_quantity).toBe(17);
    expect(rig.sim.state.outbox.deliveries.map((x) => x.status)).toEqual([202]);
  });

  it('an API write delivers too (core fires on every variation save); paused webhooks deliver nothing', async () => {
    const created = await call(rig.sim, 'POST', '/wp-json/wc/v3/webhooks', {
      topic: 'product.updated',
      delivery_url: rig.url,
      secret: 'k',
    });
    await call(rig.sim, 'POST', '/wp-json/wc/v3/products/22/variations/batch', {
      update: [{ id: 733, manage_stock: true, stock_quantity: 9 }],
    });
    const echo = await theOnlyDelivery(rig);
    // The echo of the API's own write says what was written: the hub recognises its write and reads nothing back.
    expect(notices.refs(JSON.parse(echo.text), echo.headers)).toEqual([
      { externalProductId: '22', externalVariantId: '733', shown: { kind: 'quantity', quantity: 9 } },
    ]);
    await call(rig.sim, 'POST', '/wp-json/wc/v3/products/22/variations/batch', {
      update: [{ id: 734, manage_stock: false, stock_status: 'outofstock' }],
    });
    await rig.settle();
    expect(notices.refs(JSON.parse(rig.received[1]!.text), rig.received[1]!.headers)).toEqual([
      { externalProductId: '22', externalVariantId: '734', shown: { kind: 'out_of_stock' } },
    ]);
    await call(rig.sim, 'PUT', `/wp-json/wc/v3/webhooks/${created.body.id}`, { status: 'paused' });
    rig.sim.manualEdit({ externalProductId: '22', externalVariantId: '733' }, { kind: 'quantity', quantity: 1 });
    await rig.settle();
    expect(rig.received).toHaveLength(2);
  });

  it('the plugin subscribes once (idempotent: a second subscribe updates the secret) and unsubscribes', async () => {
    const ctx = {
      credentials: rig.sim.credentials,
      http: createHttpClient({ rateLimit: plugin.manifest.rateLimit }),
      log: recordingLogger(),
    };
    await notices.subscribe!(ctx, { deliveryUrl: rig.url, secret: 'first' });
    await notices.subscribe!(ctx, { deliveryUrl: rig.url, secret: 'second' });
    const hooks = [...rig.sim.state.webhooks.values()];
    expect(hooks.map((w) => [w.topic, w.deliveryUrl, w.secret, w.status])).toEqual([['product.updated', rig.url, 'second', 'active']]);
    const calls = rig.sim.requests
      .filter((r) => r.path.startsWith('/wp-json/wc/v3/webhooks'))
      .map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(calls).toEqual([
      'GET /wp-json/wc/v3/webhooks 200',
      'POST /wp-json/wc/v3/webhooks 201',
      'GET /wp-json/wc/v3/webhooks 200',
      `PUT /wp-json/wc/v3/webhooks/${hooks[0]!.id} 200`,
    ]);
    await notices.unsubscribe!(ctx, { deliveryUrl: rig.url });
    expect(rig.sim.state.webhooks.size).toBe(0);
    expect((await call(rig.sim, 'DELETE', '/wp-json/wc/v3/webhooks/99')).status).toBe(501);
  });
});
