/**
 * Deliveries survive kill -9 (PostgreSQL, the built hub as real child processes): one event is in flight
 * (the receiver holds its request) and the store's next one is recorded but waiting behind it when the hub
 * is killed. After a restart both are delivered, in order: the in-flight one again (at least once), the
 * waiting one once; nothing is lost.
 */
import { Webhook } from 'standardwebhooks';
import { hubBuilt, startHubProcess, type HubProcess } from '../e2e/support/hub-process';
import { FIXTURE_PLUGINS_DIR } from '../support/hub-harness';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../support/throwaway-postgres';
import { eventually, startReceiver, type Receiver } from './support/receiver';

jest.setTimeout(180_000);

const adminUrl = process.env.TEST_DATABASE_URL;
const runnable = !!adminUrl && hubBuilt();
if (!runnable && adminUrl && process.env.CI === 'true') throw new Error('webhook crash test cannot run: apps/hub/dist is not built');
if (!runnable) console.warn('webhooks process-crash: skipped (needs TEST_DATABASE_URL and apps/hub/dist)');
const describeIf = runnable ? describe : describe.skip;

const ENV = {
  HUB_PLUGINS_DIR: FIXTURE_PLUGINS_DIR,
  HUB_WEBHOOK_DELIVERY: 'on',
  HUB_WEBHOOK_POLL_MS: '200',
  // A claim lasts 2 × timeout + 5 s: the in-flight attempt of the killed hub is retried ~9 s later.
  HUB_WEBHOOK_TIMEOUT_MS: '2000',
  HUB_WEBHOOK_RETRY_SCHEDULE_MS: '500,1000',
};

describeIf('webhook deliveries across kill -9 (PostgreSQL, real processes)', () => {
  let db: ThrowawayDatabase;
  let receiver: Receiver;
  let hub: HubProcess | undefined;

  beforeAll(async () => {
    db = await createThrowawayDatabase(adminUrl!);
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await hub?.stop();
    await receiver?.close();
    await db?.drop();
  });

  it('delivers the in-flight and the waiting event after a restart, in order', async () => {
    hub = await startHubProcess('webhooks-first', db.url, ENV);
    const { body: sub } = await hub.post('/v1/webhooks', { url: receiver.url, eventTypes: ['store.paused'] }).expect(201);
    // The first hub never gets an answer: its attempt is in flight when it dies.
    receiver.decide(() => ({ delayMs: 120_000, status: 204 }));
    const { body: store } = await hub
      .post('/v1/stores', {
        name: 'crashing',
        platform: 'demo-shop',
        sellingRegion: 'europe',
        credentials: { shop: 's', accessToken: 'shpat_test_x' },
      })
      .expect(201);
    await hub.patch(`/v1/stores/${store.id}`, { status: 'paused', statusReason: 'first' }).expect(200);
    await hub.patch(`/v1/stores/${store.id}`, { status: 'active' }).expect(200);
    await hub.patch(`/v1/stores/${store.id}`, { status: 'paused', statusReason: 'second' }).expect(200);
    await eventually('the first attempt', () => receiver.received.length === 1);
    await hub.kill9();
    hub = undefined;
    expect(receiver.received.map((r) => r.json.data.reason)).toEqual(['first']);

    receiver.decide(() => 204);
    hub = await startHubProcess('webhooks-second', db.url, ENV);
    const log = await eventually(
      'both delivered',
      async () => {
        const res = await hub!.get(`/v1/webhooks/${sub.id}/deliveries`).expect(200);
        const items = res.body.items as Array<{ status: string; attempts: number }>;
        return items.length === 2 && items.every((d) => d.status === 'delivered') ? items.reverse() : undefined;
      },
      60_000,
    );
    expect(log.map((d) => d.attempts)).toEqual([2, 1]);
    expect(receiver.received.map((r) => r.json.data.reason)).toEqual(['first', 'first', 'second']);
    expect(receiver.received[0]!.headers['webhook-id']).toBe(receiver.received[1]!.headers['webhook-id']);
    for (const r of receiver.received) expect(() => new Webhook(sub.secret).verify(r.body, r.headers)).not.toThrow();
  });
});
