/**
 * The history's retention (issue 10): finished runs with their changes, platform notices and finished webhook
 * events older than HUB_HISTORY_RETENTION_DAYS are deleted in bounded batches; what is recent, unfinished, still
 * to be delivered, or a store's newest finished run stays. On both databases (the BRIN indexes, SKIP LOCKED).
 */
import { randomUUID } from 'node:crypto';
import { ConfigError, loadHubConfig } from '../../src/config/hub-config';
import { HistoryRetention } from '../../src/history/history-retention.service';
import { pruneHistory } from '../../src/history/prune-history';
import { describeHub, type TestHub } from '../support/hub-harness';
import { createStore } from '../support/scenario';

const DAY = 24 * 60 * 60 * 1000;

async function run(hub: TestHub, storeId: string, status: string, ageDays: number, changes = 0): Promise<string> {
  const [{ id }] = await hub.sql<{ id: string }>(
    `INSERT INTO sync_runs (store_id, trigger, dry_run, "full", status, created_at, started_at, finished_at)
     VALUES ($1, 'stock_update', false, false, $2, now() - make_interval(days => $3), now() - make_interval(days => $3),
             CASE WHEN $2 IN ('queued', 'running') THEN NULL ELSE now() - make_interval(days => $3) END)
     RETURNING id::text AS id`,
    [storeId, status, ageDays],
  );
  if (changes > 0) {
    await hub.sql(
      `INSERT INTO sync_changes (run_id, external_product_id, external_variant_id, "to", outcome, created_at)
       SELECT $1, 'p', 'v' || g, '{"inStock":true}', 'written', now() - make_interval(days => $3) FROM generate_series(1, $2::int) g`,
      [id, changes, ageDays],
    );
  }
  return id;
}

async function notice(hub: TestHub, storeId: string, ageDays: number): Promise<void> {
  await hub.sql(
    `INSERT INTO platform_notices (store_id, platform, body_sha256, refs, marked, received_at)
     VALUES ($1, 'demo-shop', $2, 1, 0, now() - make_interval(days => $3))`,
    [storeId, randomUUID(), ageDays],
  );
}

async function event(hub: TestHub, subscriptionId: string, deliveryStatus: string, ageDays: number): Promise<string> {
  const [{ id }] = await hub.sql<{ id: string }>(
    `INSERT INTO webhook_events (type, ordering_key, data, created_at) VALUES ('store.paused', 'k', '{}', now() - make_interval(days => $1))
     RETURNING id::text AS id`,
    [ageDays],
  );
  await hub.sql(`INSERT INTO webhook_deliveries (subscription_id, event_id, ordering_key, status) VALUES ($1, $2, 'k', $3)`, [
    subscriptionId,
    id,
    deliveryStatus,
  ]);
  return id;
}

const ids = async (hub: TestHub, sql: string, params: unknown[] = []) =>
  (await hub.sql<{ id: string }>(sql, params)).map((r) => r.id).sort();

describeHub('history retention', (hub) => {
  it('deletes what is older than the retention, batch by batch, and keeps the rest', async () => {
    expect(hub().config.history.retentionDays).toBe(30);
    const a = await createStore(hub(), { sellingRegion: 'europe', name: 'retention a' });
    const b = await createStore(hub(), { sellingRegion: 'europe', name: 'retention b' });
    const oldRuns = [];
    for (let i = 0; i < 5; i++) oldRuns.push(await run(hub(), a, i % 2 ? 'partial' : 'succeeded', 40 + i, 3));
    const recent = await run(hub(), a, 'succeeded', 1, 2);
    const oldQueued = await run(hub(), a, 'queued', 45);
    const onlyRunOfB = await run(hub(), b, 'failed', 50, 1); // B's newest finished run: kept however old
    for (let i = 0; i < 7; i++) await notice(hub(), a, 37 - i); // in time order, as ids grow
    await notice(hub(), b, 2);
    const subscription = randomUUID();
    await hub().sql(
      `INSERT INTO webhook_subscriptions (id, url, event_types, secret) VALUES ($1, 'https://example.com/h', '{store.paused}', '\\x00')`,
      [subscription],
    );
    await event(hub(), subscription, 'delivered', 40);
    await event(hub(), subscription, 'failed', 40);
    const stillPending = await event(hub(), subscription, 'pending', 40);
    const fresh = await event(hub(), subscription, 'delivered', 1);

    await hub().get(`/v1/sync-runs/${oldRuns[0]}`).expect(200);
    const retention = hub().app.get(HistoryRetention);
    // Batches of 3 notices and events, 1 run: several statements per table.
    const report = await retention.prune(new Date(), { batch: 3, maxStatements: 100 });
    expect(report).toEqual({ runs: 5, changes: 15, notices: 7, events: 2 });

    expect(await ids(hub(), `SELECT id::text AS id FROM sync_runs WHERE store_id IN ($1, $2)`, [a, b])).toEqual(
      [recent, oldQueued, onlyRunOfB].sort(),
    );
    const changes = await hub().sql<{ run_id: string; n: string }>(
      `SELECT run_id::text AS run_id, count(*) AS n FROM sync_changes WHERE run_id IN (SELECT id FROM sync_runs WHERE store_id IN ($1, $2)) GROUP BY 1`,
      [a, b],
    );
    expect(Object.fromEntries(changes.map((c) => [c.run_id, Number(c.n)]))).toEqual({ [recent]: 2, [onlyRunOfB]: 1 });
    const [{ orphans }] = await hub().sql<{ orphans: string }>(
      `SELECT count(*) AS orphans FROM sync_changes c WHERE NOT EXISTS (SELECT 1 FROM sync_runs r WHERE r.id = c.run_id)`,
    );
    expect(Number(orphans)).toBe(0);
    expect(await hub().sql(`SELECT store_id FROM platform_notices WHERE store_id IN ($1, $2)`, [a, b])).toEqual([{ store_id: b }]);
    expect(await ids(hub(), `SELECT id::text AS id FROM webhook_events`)).toEqual([stillPending, fresh].sort());
    expect(await ids(hub(), `SELECT event_id::text AS id FROM webhook_deliveries`)).toEqual([stillPending, fresh].sort());
    // A pruned run is gone from the API as any unknown run.
    await hub().get(`/v1/sync-runs/${oldRuns[0]}`).expect(404);
    await hub().get(`/v1/sync-runs/${recent}`).expect(200);

    // Nothing left to delete: a second sweep deletes nothing.
    expect(await retention.prune(new Date())).toEqual({ runs: 0, changes: 0, notices: 0, events: 0 });
  });

  it('one sweep sends a bounded number of statements; the next sweep goes on', async () => {
    const c = await createStore(hub(), { sellingRegion: 'europe', name: 'retention c' });
    const count = async () => Number((await hub().sql<{ n: string }>(`SELECT count(*) AS n FROM platform_notices`))[0]!.n);
    for (let i = 0; i < 10; i++) await notice(hub(), c, 0);
    const before = await count();
    const retention = hub().app.get(HistoryRetention);
    const later = new Date(Date.now() + 31 * DAY); // every notice so far is old then
    // The runs' statement, then two notice batches of 2: the sweep stops there.
    expect(await retention.prune(later, { batch: 2, maxStatements: 3 })).toMatchObject({ notices: 4 });
    expect(await count()).toBe(before - 4);
    expect(await retention.prune(later, { batch: 2, maxStatements: 100 })).toMatchObject({ notices: before - 4 });
    expect(await count()).toBe(0);
  });

  it('sweeps on a timer only where the scheduler runs; HUB_HISTORY_RETENTION_DAYS=0 deletes nothing', async () => {
    const c = hub().config;
    expect(hub().app.get(HistoryRetention).enabled).toBe(false); // the test hub runs no scheduler
    expect(new HistoryRetention(hub().db, { ...c, sync: { ...c.sync, schedulerEnabled: true } }).enabled).toBe(true);
    const forever = new HistoryRetention(hub().db, { ...c, sync: { ...c.sync, schedulerEnabled: true }, history: { retentionDays: null } });
    expect(forever.enabled).toBe(false);
    const e = await createStore(hub(), { sellingRegion: 'europe', name: 'retention e' });
    await notice(hub(), e, 0);
    expect(await forever.prune(new Date(Date.now() + 1000 * DAY))).toBeUndefined();
    expect(await hub().sql(`SELECT id FROM platform_notices WHERE store_id = $1`, [e])).toHaveLength(1);
  });

  it('a sweep stops between batches once the hub shuts down', async () => {
    const f = await createStore(hub(), { sellingRegion: 'europe', name: 'retention f' });
    for (let i = 0; i < 3; i++) await notice(hub(), f, 0);
    const stop = new AbortController();
    stop.abort();
    const later = new Date(Date.now() + 31 * 24 * 60 * 60 * 1000);
    expect(await pruneHistory(hub().db.manager, later, { batch: 1, maxStatements: 100 }, stop.signal)).toMatchObject({
      complete: false,
      statements: 0,
      notices: 0,
    });
    expect(await hub().sql(`SELECT id FROM platform_notices WHERE store_id = $1`, [f])).toHaveLength(3);
    expect(await pruneHistory(hub().db.manager, later, { batch: 1, maxStatements: 100 })).toMatchObject({ complete: true });
    expect(await hub().sql(`SELECT id FROM platform_notices WHERE store_id = $1`, [f])).toHaveLength(0);
  });

  it('the retention is counted back from the sweep', async () => {
    const d = await createStore(hub(), { sellingRegion: 'europe', name: 'retention d' });
    await notice(hub(), d, 29);
    const retention = hub().app.get(HistoryRetention);
    expect(await retention.prune(new Date())).toMatchObject({ notices: 0 });
    expect(await retention.prune(new Date(Date.now() + 2 * DAY))).toMatchObject({ notices: 1 });
  });
});

describe('HUB_HISTORY_RETENTION_DAYS', () => {
  const base = { HUB_API_TOKENS: 'dev_token_0123456789abcdef', HUB_DATA_DIR: '/tmp/hub-history-config-test' };
  const load = (v?: string) => loadHubConfig(v === undefined ? base : { ...base, HUB_HISTORY_RETENTION_DAYS: v }, () => undefined).history;

  it('defaults to 30 days; 0 keeps the history forever', () => {
    expect(load()).toEqual({ retentionDays: 30 });
    expect(load('7')).toEqual({ retentionDays: 7 });
    expect(load('0')).toEqual({ retentionDays: null });
  });

  it.each(['-1', '1.5', 'thirty', '3651'])('refuses %j, naming the variable', (v) => {
    expect(() => load(v)).toThrow(ConfigError);
    expect(() => load(v)).toThrow(/HUB_HISTORY_RETENTION_DAYS must be a whole number of days from 1 to 3650, or 0/);
  });
});
