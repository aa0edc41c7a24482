/**
 * Big Cartel webhooks as platform notices (plugin API 1.4): the documented product.updated delivery and its
 * signature (test/evidence/webhook-product-updated.json), held against the plugin AND the simulator.
 */
import { join } from 'node:path';
import { hmacSha256 } from '@stock-sync/plugin-sdk';
import { documentedDelivery, expectDocumentedDelivery } from '@stock-sync/plugin-testkit/contract';
import { evidence } from '@stock-sync/plugin-testkit/evidence';
import { theOnlyDelivery } from '@stock-sync/plugin-testkit/contract';
import { useNoticeHarness } from '@stock-sync/plugin-testkit/simulator';
import { plugin } from '../src';
import { bigCartelNoticeRefs, bigCartelNoticeStore } from '../src/notices';
import { SANDBOX_OAUTH_APP } from '../src/simulator';
import { connect, startBigCartelSimulator } from './support/account';

const DIR = join(__dirname, 'evidence');
const SECRET = 'fixture-secret-not-a-real-one';
const notices = plugin.notices!;

describe('the documented delivery (webhook-product-updated)', () => {
  const { headers, rawBody, body } = documentedDelivery(evidence(DIR, 'webhook-product-updated'));
  const req = (over: Partial<Parameters<typeof notices.verify>[0]> = {}) => ({ headers, rawBody, secret: SECRET, ...over });

  it('verifies hex HMAC-SHA256(client secret, exact body) in X-Webhook-Signature', () => {
    expect(hmacSha256(SECRET, rawBody, 'hex')).toBe(headers['x-webhook-signature']);
    expect(notices.verify(req())).toBe(true);
  });

  it('refuses another secret, a changed body, a missing or mangled signature', () => {
    expect(notices.verify(req({ secret: 'another-secret' }))).toBe(false);
    expect(notices.verify(req({ rawBody: Buffer.from(rawBody.toString().replace('"quantity":2', '"quantity":3')) }))).toBe(false);
    const { ['x-webhook-signature']: _omitted, ...unsigned } = headers;
    expect(notices.verify(req({ headers: unsigned }))).toBe(false);
    expect(notices.verify(req({ headers: { ...headers, 'x-webhook-signature': 'abc' } }))).toBe(false);
    expect(notices.verify(req({ secret: '' }))).toBe(false);
  });

  it("names the product's options and the account", () => {
    expect(notices.refs(body, headers)).toEqual([
      { externalProductId: '456', externalVariantId: '789' },
      { externalProductId: '456', externalVariantId: '790' },
    ]);
    expect(notices.storeOf!(body, headers)).toBe('12345');
  });

  it('topics and signer', () => {
    expect(notices.topics).toEqual(['product.updated']);
    expect(notices.signedWith).toBe('app');
    expect(notices.subscribe).toBeUndefined();
  });
});

describe('refs on other bodies', () => {
  const resource = { id: '456', type: 'products', relationships: { options: { data: [{ id: '789', type: 'product_options' }] } } };

  it('reads a JSON:API product resource or document too', () => {
    const ref = [{ externalProductId: '456', externalVariantId: '789' }];
    expect(bigCartelNoticeRefs({ account_id: '1', type: 'product.updated', payload: resource })).toEqual(ref);
    expect(bigCartelNoticeRefs({ account_id: '1', type: 'product.updated', payload: { data: resource } })).toEqual(ref);
  });

  it('other webhook types name nothing (the deauthorization, orders)', () => {
    const deauth = evidence(DIR, 'webhook-account-deauthorized').request!.body;
    expect(bigCartelNoticeRefs(deauth)).toEqual([]);
    expect(bigCartelNoticeRefs({ account_id: '1', type: 'order.created', payload: {} })).toEqual([]);
    expect(bigCartelNoticeStore(deauth)).toBe('12345');
  });

  it('a product.updated listing no options names the whole product (read back whole)', () => {
    expect(bigCartelNoticeRefs({ account_id: '1', type: 'product.updated', payload: { id: '456' } })).toEqual([
      { externalProductId: '456' },
    ]);
    expect(bigCartelNoticeRefs({ account_id: '1', type: 'product.updated', payload: { id: '456', options: [] } })).toEqual([
      { externalProductId: '456' },
    ]);
  });

  it('throws when a product.updated names no product, or an option id that cannot be one', () => {
    expect(() => bigCartelNoticeRefs('x')).toThrow();
    expect(() => bigCartelNoticeRefs({ account_id: '1', payload: resource })).toThrow();
    expect(() =>
      bigCartelNoticeRefs({ account_id: '1', type: 'product.updated', payload: { id: '456', options: [{ name: 'S' }] } }),
    ).toThrow();
    expect(() => bigCartelNoticeRefs({ account_id: '1', type: 'product.updated', payload: { options: [{ id: 1 }] } })).toThrow();
    expect(() => bigCartelNoticeRefs({ account_id: '1', type: 'product.updated', payload: { id: '4/5', options: [{ id: 1 }] } })).toThrow();
    expect(bigCartelNoticeStore({ type: 'product.updated' })).toBeUndefined();
  });
});

describe('the simulator', () => {
  const ref = { externalProductId: '456', externalVariantId: '789' };

  const rig = useNoticeHarness({
    start: startBigCartelSimulator,
    receiver: { path: '/hooks/big-cartel', status: 200 },
    setup: (s, hookUrl) => {
      s.seed([{ productId: '456', variants: [{ variantId: '789', initial: { kind: 'quantity', quantity: 3 } }] }]);
      s.setAppNoticeUrl(hookUrl);
    },
  });

  it('a merchant edit sends product.updated in the documented shape, signed with the app, naming the option', async () => {
    rig.sim.manualEdit(ref, { kind: 'quantity', quantity: 17 });
    const d = await theOnlyDelivery(rig);
    const body = expectDocumentedDelivery(d, evidence(DIR, 'webhook-product-updated'));
    expect(body.payload.options).toEqual([expect.objectContaining({ id: 789, quantity: 17 })]);
    const headers = d.headers;
    expect(notices.verify({ headers, rawBody: d.body, secret: SANDBOX_OAUTH_APP.clientSecret })).toBe(true);
    expect(notices.refs(body, headers)).toEqual([ref]);
    expect(notices.storeOf!(body, headers)).toBe(rig.sim.state.accountId);
  });

  it("the API's own write sends it too (documented); without the app's webhook_url nothing is sent", async () => {
    const out = await connect(rig.sim).writeStock([{ ...ref, target: { kind: 'quantity', quantity: 8 } }]);
    expect(out[0]!.status).toBe('written');
    await rig.settle();
    expect(rig.received.length).toBeGreaterThanOrEqual(1);
    const seen = rig.received.length;
    rig.sim.setAppNoticeUrl(undefined);
    rig.sim.manualEdit(ref, { kind: 'quantity', quantity: 1 });
    await rig.settle();
    expect(rig.received).toHaveLength(seen);
  });
});
