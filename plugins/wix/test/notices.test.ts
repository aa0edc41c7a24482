/**
 * Wix inventory webhooks as platform notices (plugin API 1.4, signedWith 'app' with the app's public key): the
 * documented deliveries (test/evidence/notice-*.json, JWTs signed with a fixture key) held against the plugin, and
 * the simulator's deliveries — on a merchant's edit and on an API write, for a Catalog V1 and a Catalog V3 site —
 * held against the evidence and read by the plugin. Also the notices contract's steps for a platform without
 * `subscribe` (README "Platform notices": the testkit's runNoticesContract cannot yet read a JWT body).
 */
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import type { NoticeRequest, OAuthApp } from '@stock-sync/plugin-api';
import { connectToSimulator } from '@stock-sync/plugin-testkit/contract';
import { evidence, expectSameShape } from '@stock-sync/plugin-testkit/evidence';
import type { PlatformSimulatorDefinition, ReceivedNotice } from '@stock-sync/plugin-testkit/simulator';
import { startNoticeReceiver, useNoticeHarness } from '@stock-sync/plugin-testkit/simulator';
import { theOnlyDelivery } from '@stock-sync/plugin-testkit/contract';
import { createWixNotices, decodeWixJwt, inventoryEventRefs, plugin, wixEventOf } from '../src';
import { SANDBOX_INSTANCE_ID, SANDBOX_OAUTH_APP, sandboxWebhookKeys, simulator, simulatorV1, type WixSimState } from '../src/simulator';
import { FIXTURE_PUBLIC_KEY } from './support/fixture-webhook-keys';
import { call, product, start } from './support/store';

const DIR = join(__dirname, 'evidence');
/** The fixture JWTs' iat (2025-12-03T12:00:00Z): the plugin's clock for the evidence. */
const FIXTURE_IAT = 1764763200;
const FIXTURE_INSTANCE_ID = 'f4e3d2c1-0000-4000-8000-000000000f1e';
const atFixtureTime = createWixNotices(() => (FIXTURE_IAT + 60) * 1000);
const fixtureApp: OAuthApp = { clientId: 'fixture-app-id', clientSecret: 'fixture-secret-not-a-real-one', publicKey: FIXTURE_PUBLIC_KEY };

interface Decoded {
  header: Record<string, unknown>;
  payload: { data: { data: unknown; identity: unknown } & Record<string, unknown> } & Record<string, unknown>;
}

function documented(name: string) {
  const e = evidence(DIR, name) as ReturnType<typeof evidence> & { decoded: Decoded };
  const token = e.request!.body as string;
  const request = (over: Partial<NoticeRequest> = {}): NoticeRequest => ({
    headers: { 'content-type': 'text/plain' },
    rawBody: Buffer.from(token),
    secret: fixtureApp.clientSecret,
    deliveryUrl: 'https://hub.example.com/hooks/wix',
    app: fixtureApp,
    ...over,
  });
  return { e, token, request };
}

/** A key pair Wix did not sign with: its public half. */
function otherKey(): string {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  }).publicKey;
}

/** The payload of a JWT re-encoded after `change`, signature kept: a body Wix did not sign. */
function tampered(token: string, change: (payloadJson: string) => string): string {
  const [h, p, s] = token.split('.');
  const json = change(Buffer.from(p!, 'base64url').toString('utf8'));
  return `${h}.${Buffer.from(json).toString('base64url')}.${s}`;
}

/** The decoded payload with its JSON strings (envelope, event, identity) parsed, as the fixtures show it. */
function readable(payload: unknown): unknown {
  const p = payload as { data: string };
  const envelope = JSON.parse(p.data) as { data: string; identity?: string };
  return {
    ...p,
    data: { ...envelope, data: JSON.parse(envelope.data), ...(envelope.identity ? { identity: JSON.parse(envelope.identity) } : {}) },
  };
}

describe.each([
  ['notice-v1-inventory-variants-changed', 'com.wix.ecommerce.inventory.api.v1.InventoryVariantsChanged'],
  ['notice-v3-inventory-item-updated', 'wix.stores.catalog.v3.inventory_item_updated'],
])('the plugin reads the documented delivery (%s)', (name, eventType) => {
  const { e, token, request } = documented(name);

  it('the body is a JWT whose decoded header and payload are the documented envelope', () => {
    const [h] = token.split('.');
    expect(JSON.parse(Buffer.from(h!, 'base64url').toString('utf8'))).toEqual(e.decoded.header);
    expect(readable(atFixtureTime.parse(request()))).toEqual(e.decoded.payload);
    expect(e.decoded.payload.data.eventType).toBe(eventType);
  });

  it('verifies the signature with the app public key (RS256 over the exact header.payload)', () => {
    expect(atFixtureTime.verify(request())).toBe(true);
  });

  it('refuses another key, a changed body, a mangled or missing signature, alg none, no public key, an expired token', () => {
    expect(atFixtureTime.verify(request({ app: { ...fixtureApp, publicKey: sandboxWebhookKeys().publicKey } }))).toBe(false);
    const changed = tampered(token, (json) => json.replace('"iat":', '"iat":1,"x":'));
    expect(atFixtureTime.verify(request({ rawBody: Buffer.from(changed) }))).toBe(false);
    expect(atFixtureTime.verify(request({ rawBody: Buffer.from(`${token} `.replace(/.$/, 'x')) }))).toBe(false);
    const [h, p] = token.split('.');
    expect(atFixtureTime.verify(request({ rawBody: Buffer.from(`${h}.${p}.`) }))).toBe(false);
    expect(atFixtureTime.verify(request({ rawBody: Buffer.from(`${h}.${p}.AAAA`) }))).toBe(false);
    expect(atFixtureTime.verify(request({ rawBody: Buffer.from('') }))).toBe(false);
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(atFixtureTime.verify(request({ rawBody: Buffer.from(`${none}.${p}.`) }))).toBe(false);
    expect(atFixtureTime.verify(request({ app: { clientId: 'a', clientSecret: 'b' } }))).toBe(false);
    expect(atFixtureTime.verify(request({ app: { ...fixtureApp, publicKey: 'not a PEM' } }))).toBe(false);
    expect(atFixtureTime.verify(request({ app: undefined }))).toBe(false);
    expect(createWixNotices(() => (FIXTURE_IAT + 301) * 1000).verify(request())).toBe(false);
  });

  it('storeOf names the app instance (the externalStoreId the install flow records), from the parsed body or the JWT text', () => {
    expect(atFixtureTime.storeOf!(atFixtureTime.parse(request()), {})).toBe(FIXTURE_INSTANCE_ID);
    expect(atFixtureTime.storeOf!(token, {})).toBe(FIXTURE_INSTANCE_ID);
    expect(atFixtureTime.storeOf!({ nope: 1 }, {})).toBeUndefined();
  });
});

it('refs: V1 names each changed variant of the product, V3 the inventory item’s variant (the plugin’s VariantRef ids)', () => {
  const v1 = documented('notice-v1-inventory-variants-changed');
  expect(plugin.notices!.refs(atFixtureTime.parse(v1.request()), {})).toEqual([
    { externalProductId: '7e4f023f-53d2-70da-30bb-31662b3c095f', externalVariantId: '00000000-0000-0001-0005-918e4641acb0' },
    { externalProductId: '7e4f023f-53d2-70da-30bb-31662b3c095f', externalVariantId: '00000000-0000-0003-0005-918e4641acb0' },
  ]);
  const v3 = documented('notice-v3-inventory-item-updated');
  expect(plugin.notices!.refs(v3.token, {})).toEqual([
    { externalProductId: '1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2d', externalVariantId: '3b2c1d0e-9f8a-4b7c-8d6e-5f4a3b2c1d0e' },
  ]);
});

it('refs: another event names nothing; a body that is no Wix event, or a taken event without its ids, throws', () => {
  const event = (eventType: string, data: unknown) => ({ eventType, instanceId: 'i', data });
  expect(inventoryEventRefs(event('AppRemoved', { appId: 'x' }))).toEqual([]);
  expect(inventoryEventRefs(event('com.wix.ecommerce.inventory.api.v1.InventoryItemChanged', { productId: 'p' }))).toEqual([]);
  expect(() => inventoryEventRefs(event('com.wix.ecommerce.inventory.api.v1.InventoryVariantsChanged', { variants: [] }))).toThrow();
  expect(() =>
    inventoryEventRefs(event('com.wix.ecommerce.inventory.api.v1.InventoryVariantsChanged', { productId: 'p', variants: [{}] })),
  ).toThrow();
  expect(() => inventoryEventRefs(event('wix.stores.catalog.v3.inventory_item_updated', { updatedEvent: {} }))).toThrow();
  expect(() => plugin.notices!.refs({ data: '{}' }, {})).toThrow();
  expect(() => plugin.notices!.refs('not-a-jwt', {})).toThrow();
  expect(() => plugin.notices!.refs(undefined, {})).toThrow();
});

it('the notices part: the two inventory events, signed with the app (its public key), no subscribe (app dashboard)', () => {
  const n = plugin.notices!;
  expect(n.topics).toEqual(['com.wix.ecommerce.inventory.api.v1.InventoryVariantsChanged', 'wix.stores.catalog.v3.inventory_item_updated']);
  expect(n.signedWith).toBe('app');
  expect(n.subscribe).toBeUndefined();
  expect(n.unsubscribe).toBeUndefined();
  expect(typeof n.storeOf).toBe('function');
});

// ---- the simulator -----------------------------------------------------------------------------------------

describe.each([
  ['Catalog V3', simulator, 'notice-v3-inventory-item-updated'],
  ['Catalog V1', simulatorV1, 'notice-v1-inventory-variants-changed'],
] as const)('the simulator (%s site)', (_label, def, fixture) => {
  const app: OAuthApp = def.oauthApp;
  const request = (d: ReceivedNotice, publicKey = app.publicKey): NoticeRequest => ({
    headers: d.headers,
    rawBody: d.body,
    secret: app.clientSecret,
    deliveryUrl: rig.url,
    app: { ...app, publicKey },
  });
  const notices = plugin.notices!;
  const parse = createWixNotices().parse;

  const rig = useNoticeHarness({
    start: () => start(def),
    receiver: { path: '/hooks/wix' },
    setup: (s) => s.seed([product('p1', 2, { kind: 'quantity', quantity: 3 })]),
  });

  it('a manual edit delivers the catalog’s event, shaped as documented, that the plugin verifies and reads', async () => {
    rig.sim.setAppNoticeUrl(rig.url);
    rig.sim.manualEdit({ externalProductId: 'p1', externalVariantId: 'p1-v2' }, { kind: 'quantity', quantity: 17 });
    const d = await theOnlyDelivery(rig);
    expect(d.headers['content-type']).toBe('text/plain');
    const e = evidence(DIR, fixture) as ReturnType<typeof evidence> & { decoded: Decoded };
    const payload = readable(decodeWixJwt(d.text));
    expectSameShape(payload, e.decoded.payload, e.name);
    expect(notices.verify(request(d))).toBe(true);
    const other = otherKey();
    expect(notices.verify(request(d, other))).toBe(false);
    expect(notices.verify({ ...request(d), rawBody: Buffer.from(`${d.text} `) })).toBe(false);
    const body = parse({ rawBody: d.body });
    expect(notices.refs(body, d.headers)).toEqual([{ externalProductId: 'p1', externalVariantId: 'p1-v2' }]);
    expect(notices.storeOf!(body, {})).toBe(SANDBOX_INSTANCE_ID);
    expect(typeof wixEventOf(body)!.data).toBe('object');
    expect(JSON.parse((decodeWixJwt(d.text) as { data: string }).data).identity).toContain('WIX_USER');
    expect(rig.sim.state.outbox.deliveries.map((x) => x.status)).toEqual([202]);
  });

  it('an API write (the hub’s own) delivers too, with the app as identity; nothing without a callback URL', async () => {
    const connected = connectToSimulator({ plugin, simulator: rig.sim });
    await connected.connection.writeStock([
      { externalProductId: 'p1', externalVariantId: 'p1-v1', target: { kind: 'quantity', quantity: 9 } },
    ]);
    await rig.settle();
    expect(rig.received).toHaveLength(0);
    rig.sim.setAppNoticeUrl(rig.url);
    await connected.connection.writeStock([
      { externalProductId: 'p1', externalVariantId: 'p1-v1', target: { kind: 'quantity', quantity: 4 } },
    ]);
    const d = await theOnlyDelivery(rig);
    const body = parse({ rawBody: d.body });
    expect(notices.verify(request(d))).toBe(true);
    expect(notices.refs(body, {})).toEqual([{ externalProductId: 'p1', externalVariantId: 'p1-v1' }]);
    expect(JSON.parse((decodeWixJwt(d.text) as { data: string }).data).identity).toContain(SANDBOX_OAUTH_APP.clientId);
    rig.sim.setAppNoticeUrl(undefined);
    rig.sim.manualEdit({ externalProductId: 'p1', externalVariantId: 'p1-v1' }, { kind: 'out_of_stock' });
    await rig.settle();
    expect(rig.received).toHaveLength(1);
  });
});

it('V1: a tracking switch names every variant whose values changed; a PATCH that changes nothing delivers nothing', async () => {
  const sim = await start(simulatorV1);
  const receiver = await startNoticeReceiver({ path: '/hooks/wix', status: 200 });
  const bodies = receiver.deliveries;
  try {
    sim.seed([product('p9', 2, { kind: 'unlimited' })]);
    sim.setAppNoticeUrl(receiver.url);
    sim.manualEdit({ externalProductId: 'p9', externalVariantId: 'p9-v1' }, { kind: 'quantity', quantity: 2 });
    await sim.state.outbox.settle();
    expect(bodies).toHaveLength(1);
    expect(plugin.notices!.refs(bodies[0]!.text, {}).map((r) => r.externalVariantId)).toEqual(['p9-v1', 'p9-v2']);
    await call(sim, 'PATCH', '/stores/v2/inventoryItems/product/p9', { inventoryItem: { trackQuantity: true, variants: [] } });
    await sim.state.outbox.settle();
    expect(bodies).toHaveLength(1);
  } finally {
    await sim.close();
    await receiver.close();
  }
});

/**
 * The testkit's notices contract (runNoticesContract) for a platform without subscribe, step by step: the app's
 * callback URL set, a manual edit arrives verified with the app's key and refused with another key or a changed
 * body, refs name the edited variant, storeOf the store, nothing after the URL is cleared, no secret in logs.
 */
describe.each([
  ['Catalog V3', simulator],
  ['Catalog V1', simulatorV1],
] as const)('notices contract steps (%s site)', (_label, def: PlatformSimulatorDefinition<WixSimState> & { oauthApp: OAuthApp }) => {
  it('a manual edit arrives as a delivery the plugin verifies and reads; after the URL is cleared nothing arrives', async () => {
    const connected = await connectToSimulator({ plugin, simulator: def });
    const sim = connected.sim;
    const receiver = await startNoticeReceiver({ path: '/hooks/wix' });
    const { url, deliveries } = receiver;
    try {
      sim.seed([{ productId: 'p1', variants: [{ variantId: 'p1-v1', initial: { kind: 'quantity', quantity: 3 } }] }]);
      sim.setAppNoticeUrl(url);
      const n = createWixNotices();
      const req = (d: (typeof deliveries)[number], publicKey = def.oauthApp.publicKey): NoticeRequest => ({
        headers: d.headers,
        rawBody: d.body,
        secret: def.oauthApp.clientSecret,
        deliveryUrl: url,
        app: { ...def.oauthApp, publicKey },
      });
      sim.manualEdit({ externalProductId: 'p1', externalVariantId: 'p1-v1' }, { kind: 'quantity', quantity: 17 });
      await sim.state.outbox.settle();
      const d = deliveries[deliveries.length - 1]!;
      expect(n.verify(req(d))).toBe(true);
      const other = otherKey();
      expect(n.verify(req(d, other))).toBe(false);
      expect(n.verify({ ...req(d), rawBody: Buffer.concat([d.body, Buffer.from(' ')]) })).toBe(false);
      const body = n.parse({ rawBody: d.body });
      expect(n.refs(body, d.headers)).toContainEqual({ externalProductId: 'p1', externalVariantId: 'p1-v1' });
      expect(n.storeOf!(body, d.headers)).toBe(SANDBOX_INSTANCE_ID);
      const seen = deliveries.length;
      sim.setAppNoticeUrl(undefined);
      sim.manualEdit({ externalProductId: 'p1', externalVariantId: 'p1-v1' }, { kind: 'quantity', quantity: 18 });
      await sim.state.outbox.settle();
      expect(deliveries).toHaveLength(seen);
      expect(connected.log.lines.join('\n')).not.toContain(def.oauthApp.clientSecret);
    } finally {
      await receiver.close();
      await connected.close();
    }
  }, 30_000);
});
