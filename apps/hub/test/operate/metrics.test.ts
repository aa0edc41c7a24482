/**
 * GET /metrics on PGlite and PostgreSQL: parsed by a real Prometheus text-format parser; the metrics
 * token (not an API token) is required; counters move after a sync against the Shopify simulator;
 * labels hold no store id, store name or secret. HUB_METRICS_BIND serves it on its own listener only.
 */
import type { RunningSimulator } from '@stock-sync/plugin-testkit';
import request from 'supertest';
import { MetricsListener } from '../../src/metrics/metrics-listener';
import { SyncWorker } from '../../src/sync/sync-worker';
import { TEST_TOKEN } from '../support/hub-harness';
import { testDatabases } from '../support/test-databases';
import { createPlatformStore, linkVariants, pod, postStock, putCatalog, UNLIMITED } from '../e2e/support/e2e-scenario';
import { builtPlatforms, PLUGINS_DIR, ref, startPlatform } from '../e2e/support/platforms';
import { Scrape } from './support/prometheus';
import { METRICS_TOKEN, startOperateHub, type OperateHub } from './support/operate-hub';

jest.setTimeout(120_000);

const STORE_NAME = 'Metrics Test Store Name';
const hasShopify = builtPlatforms().includes('shopify');

/** Observations of the latency histogram so far (0 before the first one: prom-client writes no series yet). */
const histogramCount = (s: Scrape) =>
  s.family('hub_facility_to_store_seconds').metrics.length ? s.histogramCount('hub_facility_to_store_seconds') : 0;

async function scrape(hub: OperateHub): Promise<Scrape> {
  const res = await hub.raw().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
  return new Scrape(res.text);
}

for (const kind of testDatabases()) {
  describe(`GET /metrics [${kind}]`, () => {
    let hub: OperateHub;
    let sim: RunningSimulator<unknown> | undefined;
    beforeAll(async () => {
      hub = await startOperateHub(kind, { HUB_METRICS_TOKEN: METRICS_TOKEN, HUB_PLUGINS_DIR: PLUGINS_DIR, HUB_LOG_LEVEL: 'warn' });
    });
    afterAll(async () => {
      await sim?.close();
      await hub?.stop();
    });

    it('refuses a scrape without the metrics token, with an API token or a wrong one (401, no metrics)', async () => {
      for (const authorization of [undefined, `Bearer ${TEST_TOKEN}`, 'Bearer hub_metrics_wrong_0123456789', `Basic ${METRICS_TOKEN}`]) {
        const req = hub.raw().get('/metrics');
        const res = await (authorization ? req.set('Authorization', authorization) : req).expect(401);
        expect(res.headers['www-authenticate']).toBe('Bearer');
        expect(res.body).toMatchObject({ error: 'unauthorized', message: expect.stringContaining('HUB_METRICS_TOKEN') });
        expect(res.text).not.toContain('hub_sync_runs_total');
      }
    });

    it('counts HTTP requests by route template and status, never by concrete path', async () => {
      const before = await scrape(hub);
      await hub.get('/v1/stores/00000000-0000-4000-8000-000000000000').expect(404);
      await hub.raw().get('/v1/stores').expect(401);
      const after = await scrape(hub);
      const delta = (labels: Record<string, string>) =>
        after.value('hub_http_requests_total', labels) - before.value('hub_http_requests_total', labels);
      expect(delta({ method: 'GET', route: '/v1/stores/:id', status: '404' })).toBe(1);
      expect(delta({ method: 'GET', route: 'unmatched', status: '401' })).toBe(1);
      expect(after.labelValues().some((v) => v.includes('00000000-0000-4000-8000-000000000000'))).toBe(false);
    });

    it("counts SQL statements by origin: a request's are work, the scrape's own apart", async () => {
      const first = await scrape(hub);
      const sent = hub.statements();
      await hub.get('/v1/stores/00000000-0000-4000-8000-000000000000').expect(404);
      const requestStatements = hub.statements() - sent;
      const second = await scrape(hub);
      const delta = (origin: string) =>
        second.value('hub_database_statements_total', { origin }) - first.value('hub_database_statements_total', { origin });
      expect(second.family('hub_database_statements_total').type).toBe('COUNTER');
      expect(requestStatements).toBeGreaterThan(0);
      expect(delta('work')).toBe(requestStatements);
      expect(delta('scrape')).toBe(1); // the second scrape's backlog gauges (the first one's were in its own figure)
      expect(delta('periodic')).toBe(0); // no scheduler here
    });

    (hasShopify ? it : it.skip)('moves after a sync against the Shopify simulator; the backlog gauges follow the work', async () => {
      sim = await startPlatform('shopify');
      const base = kind === 'pglite' ? 91_000 : 92_000;
      const variants = [base + 1, base + 2, base + 3];
      sim.seed([{ productId: String(base), variants: variants.map((v) => ({ variantId: String(v) })) }]);
      await putCatalog(
        hub,
        variants.map((id) => ({ id, productId: base, fulfillment: 'pod' as const })),
      );
      const storeId = await createPlatformStore(hub, sim, { sellingRegion: 'north_america', name: STORE_NAME });
      await linkVariants(
        hub,
        storeId,
        variants.map((v) => ({ productId: String(base), variantId: String(v), catalogVariantId: v })),
      );
      // The link itself leaves work; a first run settles it so the change below is the only thing measured.
      const worker = hub.app.get(SyncWorker);
      for (let i = 0; i < 5 && (await worker.processStore({ storeId })).outcome === 'ran'; i++);

      const before = await scrape(hub);
      const posted = Date.now();
      await postStock(
        hub,
        variants.map((v) => pod(v, 'US-NC', 'in_stock')),
      );
      const waiting = await scrape(hub);
      expect(waiting.value('hub_sync_stores_behind')).toBe(1);
      expect(waiting.value('hub_sync_oldest_pending_seconds')).toBeGreaterThanOrEqual(0);

      const result = await worker.processStore({ storeId });
      expect(result).toMatchObject({ outcome: 'ran', runs: [{ status: 'succeeded', counts: { written: 3 } }] });
      const runId = (result as { runs: { runId: string }[] }).runs[0]!.runId;
      expect((await hub.sql<{ trigger: string }>(`SELECT trigger FROM sync_runs WHERE id = $1`, [runId]))[0]!.trigger).toBe('stock_update');
      for (const v of variants) expect(sim.stock(ref(base, v))).toEqual(UNLIMITED);

      // The latency histogram is observed when the run finishes, from what the run read and recorded.
      const after = await scrape(hub);
      const elapsed = (Date.now() - posted) / 1000;
      const delta = (name: string, labels: Record<string, string> = {}) => after.value(name, labels) - before.value(name, labels);
      expect(delta('hub_sync_runs_total', { platform: 'shopify', status: 'succeeded' })).toBe(1);
      expect(delta('hub_sync_variants_total', { platform: 'shopify', result: 'written' })).toBe(3);
      expect(delta('hub_platform_calls_total', { platform: 'shopify' })).toBeGreaterThan(0);
      expect(histogramCount(after) - histogramCount(before)).toBe(3);
      // Each of the 3 spans from the facility update's arrival to the write's record: within the test's own time.
      const sum =
        after.histogramSum('hub_facility_to_store_seconds', { platform: 'shopify' }) -
        before.histogramSum('hub_facility_to_store_seconds', { platform: 'shopify' });
      expect(sum).toBeGreaterThan(0);
      expect(sum).toBeLessThan(3 * elapsed);
      expect(after.text).toMatch(/^hub_facility_to_store_seconds_count\{platform="shopify"\} \d+$/m);
      expect(after.family('hub_facility_to_store_seconds').type).toBe('HISTOGRAM');
      expect(delta('hub_http_requests_total', { method: 'POST', route: '/v1/facility-stock', status: '202' })).toBe(1);
      expect(after.value('hub_sync_stores_behind')).toBe(0);
      expect(after.value('hub_sync_oldest_pending_seconds')).toBe(0);
      expect(after.value('hub_queue_depth')).toBe(0);

      // A store whose lease another worker holds: the job ends, counted as a lease conflict.
      const lease = await worker.leases.acquire(storeId);
      expect(await worker.processStore({ storeId })).toEqual({ outcome: 'busy' });
      await lease!.release();
      const later = await scrape(hub);
      expect(later.value('hub_store_lease_conflicts_total') - after.value('hub_store_lease_conflicts_total')).toBe(1);

      // Labels: platform ids, statuses, routes — never the store's id, name or credentials, nor a token.
      const secrets = [storeId, STORE_NAME, TEST_TOKEN, METRICS_TOKEN, ...Object.values(sim.credentials as Record<string, string>)];
      for (const secret of secrets) expect(later.text).not.toContain(secret);
    });
  });
}

describe('HUB_METRICS_BIND [pglite]', () => {
  let hub: OperateHub;
  beforeAll(async () => {
    hub = await startOperateHub('pglite', { HUB_METRICS_BIND: '127.0.0.1:0', HUB_METRICS_TOKEN: METRICS_TOKEN });
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('serves /metrics on its own listener only, still with the metrics token', async () => {
    const res = await hub.raw().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(404);
    expect(res.body.message).toContain('HUB_METRICS_BIND');
    const url = new URL(hub.app.get(MetricsListener).url!);
    const listener = request(url.origin);
    await listener.get('/metrics').expect(401);
    await listener.get('/v1/stores').set('Authorization', `Bearer ${TEST_TOKEN}`).expect(404); // nothing else is served there
    const scraped = await listener.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    expect(new Scrape(scraped.text).family('hub_sync_runs_total').type).toBe('COUNTER');
  });
});
