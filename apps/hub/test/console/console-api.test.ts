/**
 * The v1 routes the operations console reads: GET /v1/overview (counts in SQL) and the filters of
 * GET /v1/stores, on the real hub and database(s). Runs, changes and statuses the sync engine would
 * write are inserted with SQL, so each figure is known exactly.
 */
import { describeHub, type TestHub } from '../support/hub-harness';
import { createStore, nextObservedAt, POD, putCatalog, putSyncVariants } from '../support/scenario';

describeHub('console API: overview and store filters', (hub) => {
  let acme: string;
  let broken: string;
  let paused: string;
  let facility: string;

  const insertRun = async (
    h: TestHub,
    storeId: string,
    fields: { trigger?: string; status?: string; counts?: object; error?: object; dryRun?: boolean },
  ) => {
    const [row] = await h.sql<{ id: string }>(
      `INSERT INTO sync_runs (store_id, trigger, dry_run, status, started_at, finished_at, counts, error)
       VALUES ($1, $2, $3, $4, now() - interval '10 seconds', now(), $5::jsonb, $6::jsonb) RETURNING id`,
      [
        storeId,
        fields.trigger ?? 'stock_update',
        fields.dryRun ?? false,
        fields.status ?? 'succeeded',
        JSON.stringify({ planned: 0, written: 0, unchanged: 0, failed: 0, drift: 0, ...fields.counts }),
        fields.error ? JSON.stringify(fields.error) : null,
      ],
    );
    return row!.id;
  };

  beforeAll(async () => {
    const h = hub();
    acme = await createStore(h, { name: 'Acme 100% Cotton_Shop', sellingRegion: 'north_america' });
    broken = await createStore(h, { name: 'Broken tokens', sellingRegion: 'north_america' });
    paused = await createStore(h, { name: 'Holiday break', sellingRegion: 'north_america' });
    await h.sql(
      `UPDATE stores SET status = 'needs_reconnect', status_reason = 'the platform rejected the credentials: 401' WHERE id = $1`,
      [broken],
    );
    await h.patch(`/v1/stores/${paused}`, { status: 'paused', statusReason: 'closed for the holidays' }).expect(200);
    const regions = (await h.get('/v1/selling-regions').expect(200)).body as Array<{ code: string; facilities: string[] }>;
    facility = regions.find((r) => r.code === 'north_america')!.facilities[0]!;
  });

  it('GET /v1/stores filters by status, platform, name (a literal %/_ search) and drift found', async () => {
    const h = hub();
    const names = async (q: string) => ((await h.get(`/v1/stores${q}`).expect(200)).body as Array<{ name: string }>).map((s) => s.name);
    expect(await names('')).toEqual(['Acme 100% Cotton_Shop', 'Broken tokens', 'Holiday break']);
    expect(await names('?status=needs_reconnect')).toEqual(['Broken tokens']);
    expect(await names('?status=paused&platform=demo-shop')).toEqual(['Holiday break']);
    expect(await names('?platform=shopify')).toEqual([]);
    expect(await names('?q=HOLIDAY')).toEqual(['Holiday break']);
    expect(await names('?q=100%25')).toEqual(['Acme 100% Cotton_Shop']);
    expect(await names('?q=n_S')).toEqual(['Acme 100% Cotton_Shop']);
    expect(await names('?q=o_e')).toEqual([]); // `_` is not a wildcard: "Broken" has no "o_e"

    expect(await names('?drift=true')).toEqual([]);
    await insertRun(h, acme, { trigger: 'schedule', counts: { drift: 2 }, dryRun: true });
    expect(await names('?drift=true')).toEqual([]); // a dry run's findings do not count
    await insertRun(h, acme, { trigger: 'schedule', counts: { drift: 2 } });
    expect(await names('?drift=true')).toEqual(['Acme 100% Cotton_Shop']);
    expect(await names('?drift=false&status=active')).toEqual([]);
  });

  it('GET /v1/stores refuses bad filters naming the field', async () => {
    const res = await hub().get('/v1/stores?status=broken&drift=maybe&q=').expect(400);
    expect(res.body.error).toBe('validation_failed');
    expect(res.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['drift', 'q', 'status']);
  });

  it('GET /v1/overview counts stores, backlog, latency and throttles in SQL', async () => {
    const h = hub();
    await putCatalog(h, [POD(9001), POD(9002)]);
    await putSyncVariants(h, acme, [
      { externalProductId: 'p1', externalVariantId: 'v1', catalogVariantId: 9001 },
      { externalProductId: 'p1', externalVariantId: 'v2', catalogVariantId: 9002 },
    ]);
    await h
      .post('/v1/facility-stock', { updates: [{ variantId: 9001, facility, status: 'in_stock', observedAt: nextObservedAt() }] })
      .expect(202);
    await h.sql(
      `UPDATE sync_variants SET pending_since = now() - interval '90 seconds' WHERE store_id = $1 AND external_variant_id = 'v2'`,
      [acme],
    );
    await h.sql(`UPDATE sync_variants SET pending = false, state = 'in_sync' WHERE store_id = $1 AND external_variant_id = 'v1'`, [acme]);
    // v1 written 3 s after its facility update arrived.
    const run = await insertRun(h, acme, { counts: { planned: 1, written: 1 } });
    await h.sql(
      `INSERT INTO sync_changes (run_id, sync_variant_id, external_product_id, external_variant_id, "from", "to", outcome, created_at)
       SELECT $1, sv.id, 'p1', 'v1', NULL, '{"kind":"unlimited"}'::jsonb, 'written', fs.updated_at + interval '3 seconds'
         FROM sync_variants sv JOIN facility_stock fs ON fs.variant_id = 9001
        WHERE sv.store_id = $2 AND sv.external_variant_id = 'v1'`,
      [run, acme],
    );
    await h.sql(`UPDATE sync_changes SET created_at = LEAST(created_at, now()) WHERE run_id = $1`, [run]);
    await h.sql(`UPDATE facility_stock SET updated_at = updated_at - interval '3 seconds' WHERE variant_id = 9001`);
    await insertRun(h, broken, { status: 'partial', error: { code: 'rate_limited', message: '429' } });
    await insertRun(h, broken, { status: 'failed', error: { code: 'auth', message: '401' } });

    const o = (await h.get('/v1/overview').expect(200)).body;
    expect(o.stores).toEqual({
      total: 3,
      byStatus: { active: 1, paused: 1, needs_reconnect: 1 },
      byPlatform: [{ platform: 'demo-shop', active: 1, paused: 1, needsReconnect: 1, total: 3 }],
    });
    expect(o.backlog.pendingVariants).toBe(1);
    expect(o.backlog.oldestPendingAgeSeconds).toBeGreaterThanOrEqual(90);
    expect(o.backlog.oldestPendingAgeSeconds).toBeLessThan(150);
    expect(o.latency.writes).toBe(1);
    expect(o.latency.p50Seconds).toBeGreaterThanOrEqual(3);
    expect(o.latency.p50Seconds).toBeLessThan(10);
    expect(o.latency.buckets).toHaveLength(12);
    expect(o.latency.buckets.reduce((a: number, b: { writes: number }) => a + b.writes, 0)).toBe(1);
    expect(o.throttles).toEqual({ windowMinutes: 60, runsThrottled: 1, byPlatform: [{ platform: 'demo-shop', runs: 1 }] });
    expect(o.runs).toEqual({ windowMinutes: 60, succeeded: 2, partial: 1, failed: 1, active: 0 });
  });

  it('GET /v1/overview needs the token; /console is public and carries its Content-Security-Policy', async () => {
    await hub().raw().get('/v1/overview').expect(401);
    const page = await hub().raw().get('/console').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.text).toContain('/console/assets/app.js');
    await hub()
      .raw()
      .get('/console/assets/app.js')
      .expect(200)
      .expect('content-type', /javascript/);
    const vendor = await hub().raw().get('/console/vendor/preact-htm.js').expect(200);
    expect(vendor.text).toContain('useState');
    await hub().raw().post('/console').expect(401); // only GET/HEAD are public
  });
});
