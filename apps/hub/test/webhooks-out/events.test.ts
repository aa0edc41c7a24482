/**
 * Every event type fires from the real state change that causes it (API calls and real sync runs against the
 * fixture platform), is delivered to a real local receiver, and a rolled-back change sends nothing.
 */
import { SyncWorker } from '../../src/sync/sync-worker';
import { BAD_TOKEN, GOOD_TOKEN, startFixturePlatform, type FixturePlatform } from '../support/fixture-platform';
import { describeHub } from '../support/hub-harness';
import { createStore, nextObservedAt, POD, putCatalog, putSyncVariants } from '../support/scenario';
import { eventually, startReceiver, type Receiver } from './support/receiver';
import { DELIVERING, deliveries, subscribe } from './support/webhook-hub';

const ALL = ['store.needs_reconnect', 'store.paused', 'store.drift_detected', 'sync_run.failed', 'variant.unavailable'];

describeHub(
  'webhook events from real state changes',
  (hub) => {
    let receiver: Receiver;
    let platform: FixturePlatform;
    let subscriptionId: string;
    beforeAll(async () => {
      receiver = await startReceiver();
      platform = await startFixturePlatform();
      subscriptionId = (await subscribe(hub(), receiver.url, ALL)).id;
    });
    afterAll(async () => {
      await receiver?.close();
      await platform?.close();
    });

    const stock = (variantId: number, facility: string, status: string) =>
      hub()
        .post('/v1/facility-stock', { updates: [{ variantId, facility, status, observedAt: nextObservedAt() }] })
        .expect(202);

    /** A demo-shop store on the fixture platform with one synced POD variant. */
    async function syncedStore(name: string, catalogId: number, token: string): Promise<string> {
      await putCatalog(hub(), [POD(catalogId)]);
      const storeId = await createStore(hub(), {
        name,
        sellingRegion: 'north_america',
        credentials: { shop: name, accessToken: token, baseUrl: platform.baseUrl },
      });
      await putSyncVariants(hub(), storeId, [
        { externalProductId: '1', externalVariantId: `ev-${catalogId}`, catalogVariantId: catalogId },
      ]);
      return storeId;
    }
    const run = (storeId: string, runId?: string) => hub().app.get(SyncWorker).processStore({ storeId, runId });

    it('store.paused: PATCH status paused', async () => {
      const storeId = await createStore(hub(), { name: 'pausing', sellingRegion: 'europe' });
      await hub().patch(`/v1/stores/${storeId}`, { status: 'paused', statusReason: 'holiday' }).expect(200);
      const got = await eventually('store.paused', () => receiver.ofType('store.paused').find((r) => r.json.data.storeId === storeId));
      expect(got.json.data).toEqual({
        storeId,
        name: 'pausing',
        platform: 'demo-shop',
        status: 'paused',
        previousStatus: 'active',
        reason: 'holiday',
      });
      expect(Date.parse(got.json.timestamp)).not.toBeNaN();
    });

    it('store.needs_reconnect and sync_run.failed: a run whose credentials the platform rejects', async () => {
      const storeId = await syncedStore('revoked', 8101, BAD_TOKEN);
      await stock(8101, 'US-NC', 'in_stock');
      const result = await run(storeId);
      expect(result).toMatchObject({ outcome: 'ran', runs: [{ status: 'failed' }] });
      const reconnect = await eventually('store.needs_reconnect', () =>
        receiver.ofType('store.needs_reconnect').find((r) => r.json.data.storeId === storeId),
      );
      expect(reconnect.json.data).toMatchObject({ storeId, status: 'needs_reconnect', previousStatus: 'active' });
      const failed = await eventually('sync_run.failed', () =>
        receiver.ofType('sync_run.failed').find((r) => r.json.data.storeId === storeId),
      );
      expect(failed.json.data).toMatchObject({
        storeId,
        runId: (result as { runs: Array<{ runId: string }> }).runs[0]!.runId,
        dryRun: false,
      });
      expect(failed.json.data.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      expect(failed.body).not.toContain(BAD_TOKEN);
      // In order per store: the status change was committed before the run's final transition.
      expect(receiver.received.indexOf(reconnect)).toBeLessThan(receiver.received.indexOf(failed));
    });

    it('store.drift_detected: a reconciliation run reads back another state than the one written', async () => {
      const storeId = await syncedStore('drifting', 8201, GOOD_TOKEN);
      await stock(8201, 'US-NC', 'out_of_stock');
      expect(await run(storeId)).toMatchObject({ runs: [{ status: 'succeeded' }] });
      // The fixture platform reads every variant back as unlimited: drift against the out_of_stock written.
      const { runId } = (await hub().post(`/v1/stores/${storeId}/sync`, { full: true }).expect(202)).body;
      expect(await run(storeId, runId)).toMatchObject({ runs: [{ runId, status: 'succeeded', counts: { drift: 1 } }] });
      const drift = await eventually('store.drift_detected', () =>
        receiver.ofType('store.drift_detected').find((r) => r.json.data.storeId === storeId),
      );
      expect(drift.json.data).toEqual({ storeId, runId, drift: 1, dryRun: false, driftPolicy: 'reassert' });
    });

    it('variant.unavailable: the last in-stock facility of regions goes out of stock', async () => {
      await putCatalog(hub(), [POD(8301)]);
      await stock(8301, 'CA', 'in_stock');
      await stock(8301, 'LV', 'in_stock');
      await stock(8301, 'CA', 'out_of_stock');
      const regions = async () => {
        const got = receiver.ofType('variant.unavailable').filter((r) => r.json.data.variantId === 8301);
        return got.length >= 3 ? got.map((r) => r.json.data.region).sort() : undefined;
      };
      // CA is the only facility of canada and north_america's only reporter; worldwide still has LV.
      expect(await eventually('variant.unavailable', regions)).toEqual(['canada', 'english_speaking_regions', 'north_america']);
      const one = receiver.ofType('variant.unavailable').find((r) => r.json.data.region === 'canada')!;
      expect(one.json.data).toEqual({
        variantId: 8301,
        productId: 1,
        sku: 'POD-8301',
        fulfillment: 'pod',
        region: 'canada',
        previous: { kind: 'unlimited' },
        stock: { kind: 'out_of_stock' },
      });
      // Still out of stock: a newer report of the same state is no new event.
      await stock(8301, 'CA', 'out_of_stock');
      await new Promise((r) => setTimeout(r, 500));
      expect(receiver.ofType('variant.unavailable').filter((r) => r.json.data.variantId === 8301)).toHaveLength(3);
    });

    it('a rolled-back change records nothing', async () => {
      const storeId = await createStore(hub(), { name: 'rolled back', sellingRegion: 'europe' });
      await expect(
        hub().db.transaction(async (m) => {
          await m.query(`UPDATE stores SET status = 'paused', status_reason = 'never' WHERE id = $1`, [storeId]);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      const [{ n }] = await hub().sql<{ n: string }>(`SELECT count(*) AS n FROM webhook_events WHERE ordering_key = $1`, [storeId]);
      expect(Number(n)).toBe(0);
    });

    it('logs every delivery as delivered after one attempt', async () => {
      const log = await deliveries(hub(), subscriptionId);
      expect(log.length).toBeGreaterThanOrEqual(7);
      for (const d of log) expect(d).toMatchObject({ status: 'delivered', attempts: 1, lastStatus: 204, lastError: null });
    });
  },
  DELIVERING,
);
