/**
 * Shopify webhooks as platform notices (plugin API 1.4): the documented products/update delivery, its app-secret
 * signature and the shop-specific subscription calls (test/evidence/notice-*.json), held against the plugin AND
 * the simulator.
 */
import { join } from 'node:path';
import { evidence, expectSameShape } from '@stock-sync/plugin-testkit/evidence';
import { inboundRequest, startNoticeReceiver } from '@stock-sync/plugin-testkit/simulator';
import { recordingLogger } from '@stock-sync/plugin-testkit/contract';
import type { NoticeReceiver, ReceivedNotice } from '@stock-sync/plugin-testkit/simulator';
import { NOTICE_SUBSCRIBE, NOTICE_SUBSCRIPTIONS, NOTICE_UNSUBSCRIBE } from '../src/documents';
import { plugin } from '../src';
import { productUpdateRefs, shopifyNoticeRefs } from '../src/notices';
import { shopifyWebhookHmac } from '../src/oauth';
import { SIM_OAUTH_APP, SIM_SHOP_DOMAIN } from '../src/simulator';
import { loadAdminSchema } from '../src/simulator/schema';
import { schemaErrorsOfAnswer } from './response-schema-check';
import { gql, refOf, startHarness, type Harness } from './support';

const DIR = join(__dirname, 'evidence');
const FIXTURE_SECRET = 'fixture-secret-not-a-real-one';
const notices = plugin.notices!;

describe('the plugin reads the documented delivery (notice-delivery-products-update)', () => {
  const e = evidence(DIR, 'notice-delivery-products-update');
  // As the host hands it over: header names in lower case, the bytes received.
  const { headers, rawBody } = inboundRequest({ headers: e.request!.headers, body: JSON.stringify(e.request!.body) });
  const req = (over: Partial<Parameters<typeof notices.verify>[0]> = {}) => ({ headers, rawBody, secret: FIXTURE_SECRET, ...over });

  it('verifies the documented signature: base64 HMAC-SHA256 of the raw body with the app secret', () => {
    expect(shopifyWebhookHmac(rawBody, FIXTURE_SECRET)).toBe(headers['x-shopify-hmac-sha256']);
    expect(notices.verify(req())).toBe(true);
  });

  it('refuses a wrong secret, a changed body, a missing, mangled or ambiguous signature', () => {
    expect(notices.verify(req({ secret: 'another-secret' }))).toBe(false);
    expect(notices.verify(req({ secret: '' }))).toBe(false);
    expect(
      notices.verify(req({ rawBody: Buffer.from(rawBody.toString().replace('"inventory_quantity":75', '"inventory_quantity":76')) })),
    ).toBe(false);
    expect(notices.verify(req({ rawBody: Buffer.concat([rawBody, Buffer.from('\n')]) }))).toBe(false);
    const { ['x-shopify-hmac-sha256']: signature, ...unsigned } = headers;
    expect(notices.verify(req({ headers: unsigned }))).toBe(false);
    expect(notices.verify(req({ headers: { ...headers, 'x-shopify-hmac-sha256': 'AAAA' } }))).toBe(false);
    expect(notices.verify(req({ headers: { ...headers, 'x-shopify-hmac-sha256': signature!.toLowerCase() } }))).toBe(false);
    expect(notices.verify(req({ headers: { ...headers, 'x-shopify-hmac-sha256': [signature!, 'AAAA'] } }))).toBe(false);
    expect(notices.verify(req({ headers: { ...headers, 'x-shopify-hmac-sha256': [signature!, signature!] } }))).toBe(true);
  });

  it('names every variant by GID and by numeric id, every digit kept, the latest updated first', () => {
    const body: unknown = JSON.parse(rawBody.toString('utf8'));
    expect(notices.refs(body, headers)).toEqual([
      { externalVariantId: 'gid://shopify/ProductVariant/757650484644203962' },
      { externalVariantId: '757650484644203962' },
      { externalVariantId: 'gid://shopify/ProductVariant/642667041472713922' },
      { externalVariantId: '642667041472713922' },
    ]);
  });

  it('storeOf names the shop domain the install flow records', () => {
    expect(notices.storeOf!(e.request!.body, headers)).toBe('example-shop.myshopify.com');
    expect(notices.storeOf!(e.request!.body, { ...headers, 'x-shopify-shop-domain': 'evil.example.com' })).toBeUndefined();
    const { ['x-shopify-shop-domain']: _shop, ...anonymous } = headers;
    expect(notices.storeOf!(e.request!.body, anonymous)).toBeUndefined();
  });

  it('topics are products/update, signed with the app secret', () => {
    expect(notices.topics).toEqual(['products/update']);
    expect(notices.signedWith).toBe('app');
    expect(notices.isPing).toBeUndefined();
  });
});

describe('refs of other bodies', () => {
  it('another topic names nothing; a body that is not a product throws', () => {
    expect(shopifyNoticeRefs({ inventory_item_id: 1, location_id: 2 }, { 'x-shopify-topic': 'inventory_levels/update' })).toEqual([]);
    expect(() => productUpdateRefs('not json')).toThrow();
    expect(() => productUpdateRefs({ id: 1 })).toThrow(/no variants/);
    expect(() => productUpdateRefs({ variants: {} })).toThrow();
    expect(() => productUpdateRefs({ admin_graphql_api_id: 'gid://shopify/Order/1', variants: [] })).toThrow();
    expect(() => productUpdateRefs({ variants: [{ admin_graphql_api_id: 'gid://shopify/InventoryItem/5' }] })).toThrow();
  });

  it('a product without variants names none; variants without GIDs (include_fields) by their safe numeric id only', () => {
    expect(productUpdateRefs({ variants: [], variant_gids: [] })).toEqual([]);
    expect(productUpdateRefs({ variants: [{ id: 808950810 }] })).toEqual([
      { externalVariantId: 'gid://shopify/ProductVariant/808950810' },
      { externalVariantId: '808950810' },
    ]);
    // 642667041472713922 parsed by JavaScript is no longer that id: refused rather than guessed.
    expect(() => productUpdateRefs(JSON.parse('{"variants":[{"id":642667041472713922}]}'))).toThrow(/no id/);
  });
});

describe('the simulator', () => {
  const schema = loadAdminSchema();
  let h: Harness;
  let receiver: NoticeReceiver;
  let url: string;
  let received: ReceivedNotice[];
  const ctx = () => ({ credentials: h.sim.credentials, http: h.http, log: recordingLogger() });

  beforeEach(async () => {
    h = await startHarness([
      {
        productId: '8001',
        variants: [
          { variantId: '40001', initial: { kind: 'quantity', quantity: 3 } },
          { variantId: '40002', initial: { kind: 'quantity', quantity: 4 } },
        ],
      },
    ]);
    receiver = await startNoticeReceiver({ path: '/hooks/shopify/store-1' });
    received = receiver.deliveries;
    url = receiver.url;
  });
  afterEach(async () => {
    await h.sim.state.outbox.settle();
    await h.close();
    await receiver.close();
  });

  /** Sends a documented GraphQL request; the answer must have the documented shape and the schema's types. */
  async function sendDocumented(name: string, variables?: Record<string, unknown>) {
    const e = evidence(DIR, name);
    const { query, variables: documented } = e.request!.body as { query: string; variables: Record<string, unknown> };
    const vars = variables ?? documented;
    const res = await gql(h.sim, query, vars);
    expect(res.status).toBe(e.response!.status);
    expectSameShape(res.body, e.response!.body, name, { nullable: ['$.extensions'] });
    expect(schemaErrorsOfAnswer(schema, query, vars, res.body.data)).toEqual([]);
    return res.body.data;
  }

  it('answers the documented subscription calls (notice-subscribe, -subscriptions, -unsubscribe) as documented', async () => {
    const created = await sendDocumented('notice-subscribe');
    const listed = await sendDocumented('notice-subscriptions');
    expect(listed.webhookSubscriptions.nodes).toEqual([created.webhookSubscriptionCreate.webhookSubscription]);
    const deleted = await sendDocumented('notice-unsubscribe', { id: created.webhookSubscriptionCreate.webhookSubscription.id });
    expect(deleted.webhookSubscriptionDelete.deletedWebhookSubscriptionId).toBe(created.webhookSubscriptionCreate.webhookSubscription.id);
    expect(h.sim.state.webhookSubscriptions.size).toBe(0);
  });

  it('refuses a duplicate, a non-HTTPS address and an unknown subscription with userErrors', async () => {
    const sub = (uri: string) =>
      gql(h.sim, NOTICE_SUBSCRIBE.query, { topic: 'PRODUCTS_UPDATE', webhookSubscription: { uri } }).then(
        (r) => r.body.data.webhookSubscriptionCreate,
      );
    expect((await sub('https://hub.example.org/hooks/shopify/1')).userErrors).toEqual([]);
    expect((await sub('https://hub.example.org/hooks/shopify/1')).userErrors).toHaveLength(1);
    expect((await sub('http://hub.example.org/hooks/shopify/1')).userErrors).toHaveLength(1);
    const gone = await gql(h.sim, NOTICE_UNSUBSCRIBE.query, { id: 'gid://shopify/WebhookSubscription/1' });
    expect(gone.body.data.webhookSubscriptionDelete.userErrors).toHaveLength(1);
  });

  it('the documents cost what Shopify’s rules give them (computed by the simulator)', async () => {
    const costOf = async (query: string, variables: Record<string, unknown>) =>
      (await gql(h.sim, query, variables)).body.extensions.cost.requestedQueryCost;
    expect(await costOf(NOTICE_SUBSCRIPTIONS.query, { topics: ['PRODUCTS_UPDATE'], uri: url })).toBe(NOTICE_SUBSCRIPTIONS.cost);
    expect(await costOf(NOTICE_SUBSCRIBE.query, { topic: 'PRODUCTS_UPDATE', webhookSubscription: { uri: url } })).toBe(
      NOTICE_SUBSCRIBE.cost,
    );
    expect(await costOf(NOTICE_UNSUBSCRIBE.query, { id: 'gid://shopify/WebhookSubscription/1' })).toBe(NOTICE_UNSUBSCRIBE.cost);
  });

  it('a manual edit delivers products/update, signed and shaped as documented, that the plugin verifies and reads', async () => {
    await notices.subscribe!(ctx(), { deliveryUrl: url, secret: 'unused-the-app-secret-signs' });
    h.sim.manualEdit(refOf('8001', '40002'), { kind: 'quantity', quantity: 17 });
    await h.sim.state.outbox.settle();
    expect(received).toHaveLength(1);
    const [d] = received;
    const e = evidence(DIR, 'notice-delivery-products-update');
    for (const name of Object.keys(inboundRequest({ headers: e.request!.headers }).headers)) expect(d!.headers[name]).toBeDefined();
    expect(d!.headers['x-shopify-topic']).toBe('products/update');
    expect(d!.headers['x-shopify-shop-domain']).toBe(SIM_SHOP_DOMAIN);
    const body = JSON.parse(d!.text);
    expectSameShape(body, e.request!.body, e.name, { nullable: ['$.variants[].compare_at_price'] });
    const headers = d!.headers;
    const rawBody = d!.body;
    expect(notices.verify({ headers, rawBody, secret: SIM_OAUTH_APP.clientSecret, app: SIM_OAUTH_APP, deliveryUrl: url })).toBe(true);
    expect(notices.verify({ headers, rawBody, secret: FIXTURE_SECRET, deliveryUrl: url })).toBe(false);
    expect(notices.refs(body, headers)).toEqual(
      expect.arrayContaining([{ externalVariantId: 'gid://shopify/ProductVariant/40002' }, { externalVariantId: '40002' }]),
    );
    expect(notices.storeOf!(body, headers)).toBe(SIM_SHOP_DOMAIN);
    expect(body.variants.find((v: { id: number }) => v.id === 40002).inventory_quantity).toBe(17);
    expect(h.sim.state.outbox.deliveries.map((x) => x.status)).toEqual([202]);
  });

  it('the hub’s own API write delivers too (Shopify fires on every quantity change); unsubscribed, nothing arrives', async () => {
    await notices.subscribe!(ctx(), { deliveryUrl: url, secret: 'x' });
    const outcomes = await h.connection.writeStock([{ ...refOf('8001', '40001'), target: { kind: 'quantity', quantity: 9 } }]);
    expect(outcomes.map((o) => o.status)).toEqual(['written']);
    await h.sim.state.outbox.settle();
    expect(received.length).toBeGreaterThanOrEqual(1);
    const last = JSON.parse(received[received.length - 1]!.text);
    expect(last.variants.find((v: { id: number }) => v.id === 40001).inventory_quantity).toBe(9);
    await notices.unsubscribe!(ctx(), { deliveryUrl: url });
    const seen = received.length;
    h.sim.manualEdit(refOf('8001', '40001'), { kind: 'out_of_stock' });
    await h.sim.state.outbox.settle();
    expect(received).toHaveLength(seen);
  });

  it('subscribes once (idempotent) and unsubscribes only its own URL', async () => {
    await gql(h.sim, NOTICE_SUBSCRIBE.query, { topic: 'PRODUCTS_UPDATE', webhookSubscription: { uri: 'https://other.example.org/x' } });
    await notices.subscribe!(ctx(), { deliveryUrl: url, secret: 'x' });
    await notices.subscribe!(ctx(), { deliveryUrl: url, secret: 'x' });
    const mine = () => [...h.sim.state.webhookSubscriptions.values()].filter((s) => s.uri === url);
    expect(mine().map((s) => s.topic)).toEqual(['PRODUCTS_UPDATE']);
    await notices.unsubscribe!(ctx(), { deliveryUrl: url });
    await notices.unsubscribe!(ctx(), { deliveryUrl: url });
    expect(mine()).toEqual([]);
    expect([...h.sim.state.webhookSubscriptions.values()].map((s) => s.uri)).toEqual(['https://other.example.org/x']);
  });

  it('a refused subscription is a Rejected with Shopify’s words', async () => {
    await expect(notices.subscribe!(ctx(), { deliveryUrl: 'http://hub.example.org/hooks/shopify/1', secret: 'x' })).rejects.toThrow(
      /Shopify refused the PRODUCTS_UPDATE webhook subscription: webhookSubscription\.uri: Address is invalid/,
    );
  });

  it('the app’s TOML webhook URL (setAppNoticeUrl) receives the shop’s notices, storeOf naming the shop', async () => {
    h.sim.setAppNoticeUrl(url);
    h.sim.manualEdit(refOf('8001', '40001'), { kind: 'quantity', quantity: 2 });
    await h.sim.state.outbox.settle();
    expect(received).toHaveLength(1);
    expect(notices.storeOf!(JSON.parse(received[0]!.text), received[0]!.headers)).toBe(SIM_SHOP_DOMAIN);
    h.sim.setAppNoticeUrl(undefined);
    h.sim.manualEdit(refOf('8001', '40001'), { kind: 'quantity', quantity: 3 });
    await h.sim.state.outbox.settle();
    expect(received).toHaveLength(1);
  });
});
