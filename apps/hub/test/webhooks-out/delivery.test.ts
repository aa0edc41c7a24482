/**
 * Delivery to a real local receiver: Standard Webhooks signatures checked with the official verifier (and
 * refused when tampered with), retries with growing waits after 5xx and timeouts, giving up after the schedule,
 * and order per store (a store's next event waits for the previous one).
 */
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { describeHub } from '../support/hub-harness';
import { createStore } from '../support/scenario';
import { eventually, startReceiver, type Receiver } from './support/receiver';
import { DELIVERING, deliveries, subscribe } from './support/webhook-hub';

describeHub(
  'webhook delivery',
  (hub) => {
    let receiver: Receiver;
    beforeEach(async () => {
      receiver = await startReceiver();
    });
    afterEach(async () => {
      await hub().sql(`DELETE FROM webhook_subscriptions`);
      await receiver.close();
    });

    const pause = (storeId: string, reason: string) =>
      hub().patch(`/v1/stores/${storeId}`, { status: 'paused', statusReason: reason }).expect(200);
    const resume = (storeId: string) => hub().patch(`/v1/stores/${storeId}`, { status: 'active' }).expect(200);

    it('signs per Standard Webhooks: the official verifier accepts it and refuses any tampering', async () => {
      const { secret } = await subscribe(hub(), receiver.url, ['store.paused']);
      const storeId = await createStore(hub(), { name: 'signed', sellingRegion: 'europe' });
      await pause(storeId, 'signed');
      const got = await eventually('a delivery', () => receiver.received[0]);
      expect(got.headers['content-type']).toBe('application/json');
      expect(got.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+={0,2}$/);
      const verified = new Webhook(secret).verify(got.body, got.headers) as { type: string; data: { storeId: string } };
      expect(verified).toMatchObject({ type: 'store.paused', data: { storeId } });
      const [{ id }] = await hub().sql<{ id: string }>(`SELECT id FROM webhook_events WHERE ordering_key = $1`, [storeId]);
      expect(got.headers['webhook-id']).toBe(id);

      const refuse = (body: string, headers: Record<string, string>, key = secret) =>
        expect(() => new Webhook(key).verify(body, headers)).toThrow(WebhookVerificationError);
      refuse(got.body.replace('signed', 'SIGNED'), got.headers);
      refuse(got.body, { ...got.headers, 'webhook-id': `${got.headers['webhook-id']}x` });
      refuse(got.body, { ...got.headers, 'webhook-timestamp': String(Number(got.headers['webhook-timestamp']) + 1) });
      refuse(got.body, got.headers, `whsec_${Buffer.alloc(32, 1).toString('base64')}`);
      // Never the secret in the request.
      expect(JSON.stringify(got)).not.toContain(secret.slice(6));
    });

    it('retries after 5xx answers and timeouts with growing waits, the same webhook-id each time, then delivers', async () => {
      const { id, secret } = await subscribe(hub(), receiver.url, ['store.paused']);
      receiver.script([500, { delayMs: 3_000, status: 204 }, 503], 200);
      const storeId = await createStore(hub(), { name: 'flaky', sellingRegion: 'europe' });
      await pause(storeId, 'flaky');
      const [log] = await eventually('delivered', async () => {
        const d = await deliveries(hub(), id);
        return d[0]?.status === 'delivered' ? d : undefined;
      });
      expect(log).toMatchObject({ status: 'delivered', attempts: 4, lastStatus: 200, lastError: null });
      expect(receiver.received).toHaveLength(4);
      expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
      for (const r of receiver.received) expect(() => new Webhook(secret).verify(r.body, r.headers)).not.toThrow();
      const at = receiver.received.map((r) => r.at);
      // Waits of the schedule (300 ms, 1 s, 3 s) after each failed attempt; the 2nd attempt also waited its 2 s timeout.
      expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(280);
      expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(2_000 + 980);
      expect(at[3]! - at[2]!).toBeGreaterThanOrEqual(2_980);
    });

    it('records why attempts failed, gives up after the schedule, and the lane moves on', async () => {
      const { id } = await subscribe(hub(), receiver.url, ['store.paused']);
      receiver.script([500, 500, 500, 500], 204);
      const storeId = await createStore(hub(), { name: 'down', sellingRegion: 'europe' });
      await pause(storeId, 'first');
      await resume(storeId);
      await pause(storeId, 'second');
      const log = await eventually('both finished', async () => {
        const d = await deliveries(hub(), id);
        return d.length === 2 && d.every((x) => x.status !== 'pending') ? d : undefined;
      });
      expect(log[0]).toMatchObject({ status: 'failed', attempts: 4, lastStatus: 500, lastError: 'the receiver answered HTTP 500' });
      expect(log[1]).toMatchObject({ status: 'delivered', attempts: 1 });
      expect(receiver.received.map((r) => r.json.data.reason)).toEqual(['first', 'first', 'first', 'first', 'second']);
    });

    it('delivers in order per store: a store waits for its failing head, another store does not', async () => {
      const { id } = await subscribe(hub(), receiver.url, ['store.paused']);
      const slow = await createStore(hub(), { name: 'ordered A', sellingRegion: 'europe' });
      const other = await createStore(hub(), { name: 'ordered B', sellingRegion: 'europe' });
      // A1 is refused until B1 has arrived: A2 and A3 must wait behind it, B1 must not.
      let b1Seen = false;
      receiver.decide((json) => {
        if (json.data.reason === 'B1') b1Seen = true;
        return json.data.reason === 'A1' && !b1Seen ? 500 : 204;
      });
      await pause(slow, 'A1');
      await eventually('the first attempt of A1', () => receiver.received.length > 0);
      await resume(slow);
      await pause(slow, 'A2');
      await resume(slow);
      await pause(slow, 'A3');
      await pause(other, 'B1');
      await eventually('all delivered', async () => {
        const d = await deliveries(hub(), id);
        return d.length === 4 && d.every((x) => x.status === 'delivered') ? d : undefined;
      });
      const a = receiver.received.filter((r) => r.json.data.storeId === slow).map((r) => `${r.json.data.reason}:${r.answered}`);
      const refused = a.filter((x) => x === 'A1:500').length;
      expect(refused).toBeGreaterThanOrEqual(1);
      expect(a).toEqual([...Array<string>(refused).fill('A1:500'), 'A1:204', 'A2:204', 'A3:204']);
      // B was not held up behind A's failing head.
      const order = receiver.received.map((r) => r.json.data.reason);
      expect(order.indexOf('B1')).toBeLessThan(order.lastIndexOf('A1'));
    });
  },
  DELIVERING,
);
