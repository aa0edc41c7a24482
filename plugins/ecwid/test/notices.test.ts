/**
 * Ecwid webhooks as platform notices (plugin API 1.4): the documented delivery and signature
 * (test/evidence/webhook-product-updated.json) held against the plugin AND the simulator, whose webhook URL is
 * set in the app's details (setAppNoticeUrl) — Ecwid has no API to subscribe.
 *
 * The testkit's notices contract runs in contract.test.ts (the edited combination named by its product).
 */
import { join } from 'node:path';
import { hmacSha256 } from '@stock-sync/plugin-sdk';
import type { NoticeRequest } from '@stock-sync/plugin-api';
import { documentedDelivery, expectDocumentedDelivery } from '@stock-sync/plugin-testkit/contract';
import { evidence } from '@stock-sync/plugin-testkit/evidence';
import { seedProduct } from '@stock-sync/plugin-testkit/fixtures';
import { startSimulator, useNoticeHarness } from '@stock-sync/plugin-testkit/simulator';
import { theOnlyDelivery } from '@stock-sync/plugin-testkit/contract';
import { plugin } from '../src';
import { ecwidNoticeRefs } from '../src/notices';
import { toConnectedStore } from '../src/oauth';
import { SANDBOX_OAUTH_APP, SANDBOX_STORE_ID, simulator } from '../src/simulator';
import { call } from './support/store';

const DIR = join(__dirname, 'evidence');
const FIXTURE_SECRET = 'fixture-secret-not-a-real-one';
const notices = plugin.notices!;

/** The plugin's verify, handed a delivery as the hub hands it (the app-wide URL, the app's secret). */
const verify = (headers: NoticeRequest['headers'], rawBody: Uint8Array, secret: string) =>
  notices.verify({
    headers,
    rawBody,
    secret,
    deliveryUrl: 'https://hub.example/hooks/ecwid',
    app: { clientId: 'fixture-app', clientSecret: secret },
  });

describe('the plugin reads the documented delivery (webhook-product-updated)', () => {
  const { headers, rawBody, body } = documentedDelivery(evidence(DIR, 'webhook-product-updated'));

  it('is signed with the app\'s secret: base64 HMAC-SHA256 of "{eventCreated}.{eventId}", read from the raw bytes', () => {
    expect(notices.signedWith).toBe('app');
    expect(hmacSha256(FIXTURE_SECRET, `${body.eventCreated}.${body.eventId}`, 'base64')).toBe(headers['x-ecwid-webhook-signature']);
    expect(verify(headers, rawBody, FIXTURE_SECRET)).toBe(true);
  });

  it('refuses a wrong secret, changed signed fields, a missing or mangled signature, a body that is not JSON', () => {
    expect(verify(headers, rawBody, 'another-secret')).toBe(false);
    expect(verify(headers, Buffer.from(JSON.stringify({ ...body, eventCreated: 1469429913 })), FIXTURE_SECRET)).toBe(false);
    expect(verify(headers, Buffer.from(JSON.stringify({ ...body, eventId: 'x' })), FIXTURE_SECRET)).toBe(false);
    const { ['x-ecwid-webhook-signature']: _omitted, ...unsigned } = headers;
    expect(verify(unsigned, rawBody, FIXTURE_SECRET)).toBe(false);
    expect(verify({ ...headers, 'x-ecwid-webhook-signature': 'AAAA' }, rawBody, FIXTURE_SECRET)).toBe(false);
    expect(verify(headers, rawBody, '')).toBe(false);
    expect(verify(headers, Buffer.from('not json'), FIXTURE_SECRET)).toBe(false);
    expect(verify(headers, Buffer.from('[1]'), FIXTURE_SECRET)).toBe(false);
  });

  it('the documented limit: fields outside the signature (storeId, entityId, eventType) can change and it still verifies', () => {
    // Ecwid signs eventCreated.eventId only; README "Platform notices" says what follows for the hub.
    const moved = Buffer.from(JSON.stringify({ ...body, storeId: 2004, entityId: 1 }));
    expect(verify(headers, moved, FIXTURE_SECRET)).toBe(true);
  });

  it('storeOf is storeId, as the install flow records the store (token store_id)', () => {
    expect(notices.storeOf!(body, headers)).toBe('1003');
    expect(toConnectedStore({ access_token: 'x', store_id: body.storeId }).externalStoreId).toBe(notices.storeOf!(body, headers));
    expect(notices.storeOf!({ eventType: 'product.updated' }, headers)).toBeUndefined();
    expect(notices.storeOf!('x', headers)).toBeUndefined();
  });

  it('names the product (entityId) but no combination: one product ref (the hub reads back every synced combination of it)', () => {
    expect(ecwidNoticeRefs(body)).toEqual([{ externalProductId: '66722483' }]);
    expect(notices.refs(body, headers)).toEqual([{ externalProductId: '66722483' }]);
  });

  it('names the signed eventId as the notice id (replays are refused by it, whatever the unsigned fields say)', () => {
    expect(notices.noticeId!(body, headers)).toBe(String(body.eventId));
    expect(notices.noticeId!({ ...body, entityId: 1 }, headers)).toBe(notices.noticeId!(body, headers));
    expect(notices.noticeId!({ ...body, eventId: undefined }, headers)).toBeUndefined();
    expect(notices.noticeId!('x', headers)).toBeUndefined();
  });

  it('other events name nothing; a body that is not the documented shape throws (the hub answers 400)', () => {
    const uninstalled = { ...body, entityId: '1003', eventType: 'application.uninstalled' };
    expect(ecwidNoticeRefs(uninstalled)).toEqual([]);
    expect(() => ecwidNoticeRefs('webhook')).toThrow();
    expect(() => ecwidNoticeRefs({ ...body, eventType: undefined })).toThrow();
    expect(() => ecwidNoticeRefs({ ...body, storeId: undefined })).toThrow();
    expect(() => ecwidNoticeRefs({ ...body, entityId: 'abc' })).toThrow();
    expect(() => ecwidNoticeRefs({ ...body, entityId: -1 })).toThrow();
  });

  it('topics are the documented product.updated; no subscribe (the URL lives in the app details)', () => {
    expect(notices.topics).toEqual(['product.updated']);
    expect(notices.subscribe).toBeUndefined();
    expect(notices.unsubscribe).toBeUndefined();
  });
});

describe('the simulator', () => {
  const rig = useNoticeHarness({
    start: () => startSimulator(simulator),
    receiver: { path: '/hooks/ecwid', status: 200 },
    setup: (s) => s.seed([seedProduct(66722483, 101, 2, { kind: 'quantity', quantity: 3 })]),
  });

  it('a manual edit sends product.updated to the app URL, shaped and signed as documented; the plugin verifies it', async () => {
    rig.sim.setAppNoticeUrl(rig.url);
    rig.sim.manualEdit({ externalProductId: '66722483', externalVariantId: '102' }, { kind: 'quantity', quantity: 17 });
    const d = await theOnlyDelivery(rig);
    expect(d.path).toBe('/hooks/ecwid?eventtype=product.updated');
    const body = expectDocumentedDelivery(d, evidence(DIR, 'webhook-product-updated'));
    const headers = d.headers;
    const raw = d.body;
    expect(verify(headers, raw, SANDBOX_OAUTH_APP.clientSecret)).toBe(true);
    expect(verify(headers, raw, `${SANDBOX_OAUTH_APP.clientSecret}x`)).toBe(false);
    expect(notices.storeOf!(body, headers)).toBe(SANDBOX_STORE_ID);
    expect(ecwidNoticeRefs(body)).toEqual([{ externalProductId: '66722483' }]);
    expect(body.eventCreated).toBeCloseTo(Date.now() / 1000, -2);
    expect(rig.sim.state.outbox.deliveries.map((x) => x.status)).toEqual([200]);
  });

  it("an API write sends one too (Ecwid: whatever the change's source); no URL set, nothing is sent", async () => {
    rig.sim.setAppNoticeUrl(rig.url);
    expect((await call(rig.sim, 'PUT', '/products/66722483/combinations/101', { quantity: 9, unlimited: false })).status).toBe(200);
    expect((await call(rig.sim, 'PUT', '/products/66722483/combinations/101/inventory', { quantityDelta: -1 })).status).toBe(200);
    await rig.settle();
    expect(rig.received.map((d) => JSON.parse(d.text).entityId)).toEqual([66722483, 66722483]);
    rig.sim.setAppNoticeUrl(undefined);
    rig.sim.manualEdit({ externalProductId: '66722483', externalVariantId: '101' }, { kind: 'out_of_stock' });
    await call(rig.sim, 'PUT', '/products/66722483/combinations/101', { quantity: 1 });
    await rig.settle();
    expect(rig.received).toHaveLength(2);
  });

  it('a refused write sends nothing', async () => {
    rig.sim.setAppNoticeUrl(rig.url);
    expect((await call(rig.sim, 'PUT', '/products/66722483/combinations/999', { quantity: 1 })).status).toBe(404);
    await rig.settle();
    expect(rig.received).toHaveLength(0);
  });
});
