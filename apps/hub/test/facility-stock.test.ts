import { describeHub } from './support/hub-harness';
import { clearPending, createStore, nextObservedAt, POD, putCatalog, putSyncVariants, WAREHOUSE } from './support/scenario';
import type { TestHub } from './support/hub-harness';
import { IS_SYNCED, NEWER_STOCK_IN_STORE_REGION } from '../src/sync-variants/variant-lifecycle';

/** Due as the orchestrator sees it: synced, and marked or holding a facility change newer than the one it settled. */
async function dueByVariant(hub: TestHub, storeId: string): Promise<Record<string, boolean>> {
  const rows = await hub.sql<{ external_variant_id: string; due: boolean }>(
    `SELECT sv.external_variant_id, (${IS_SYNCED} AND (sv.pending OR ${NEWER_STOCK_IN_STORE_REGION})) AS due
     FROM sync_variants sv JOIN stores s ON s.id = sv.store_id WHERE sv.store_id = $1`,
    [storeId],
  );
  return Object.fromEntries(rows.map((r) => [r.external_variant_id, r.due]));
}

/** Every variant and store settled up to the newest stock change (as after runs that handled everything). */
async function settleAll(hub: TestHub): Promise<void> {
  await clearPending(hub);
  await hub.sql(`UPDATE sync_variants SET seen_seq = (SELECT COALESCE(max(change_seq), 0) FROM facility_stock)`);
  await hub.sql(`UPDATE stores s SET stock_seen_seq = rg.stock_seq FROM selling_regions rg WHERE rg.code = s.selling_region`);
}

describeHub('POST /v1/facility-stock', (hub) => {
  const stockRow = async (variantId: number, facility: string) =>
    (
      await hub().sql<{ status: string | null; quantity: number | null; observed_at: Date }>(
        `SELECT status, quantity, observed_at FROM facility_stock WHERE variant_id = $1 AND facility_code = $2`,
        [variantId, facility],
      )
    )[0];
  const countRows = async () => Number((await hub().sql<{ n: string }>(`SELECT count(*) AS n FROM facility_stock`))[0]!.n);

  beforeAll(async () => {
    await putCatalog(hub(), [POD(1001), POD(1002), POD(1003), WAREHOUSE(2001), WAREHOUSE(2002)]);
  });

  it('applies observations and answers 202 with the counts', async () => {
    const res = await hub()
      .post('/v1/facility-stock', {
        updates: [
          { variantId: 1001, facility: 'US-NC', status: 'in_stock', observedAt: nextObservedAt() },
          { variantId: 2001, facility: 'LV', quantity: 7, observedAt: nextObservedAt() },
        ],
      })
      .expect(202);
    expect(res.body).toEqual({ accepted: 2, stale: 0, unrecognisedStatus: 0, affectedSyncVariants: 0 });
    expect(await stockRow(1001, 'US-NC')).toMatchObject({ status: 'in_stock', quantity: null });
    expect(await stockRow(2001, 'LV')).toMatchObject({ status: null, quantity: 7 });
  });

  it('names every offending field of a malformed batch', async () => {
    const res = await hub()
      .post('/v1/facility-stock', {
        updates: [
          { variantId: 1001, facility: 'US-NC', status: 'in_stock', observedAt: nextObservedAt() },
          { variantId: 'x', facility: 'US-NC', status: 'in_stock', observedAt: nextObservedAt() },
          { variantId: 1001, facility: '', status: '', observedAt: 'yesterday' },
          { variantId: 2001, facility: 'LV', quantity: -1, observedAt: '2026-01-01T00:00:00' },
          { variantId: 1001, facility: 'US-NC', status: 'in_stock', observedAt: nextObservedAt(), extra: true },
        ],
      })
      .expect(400);
    expect(res.body.error).toBe('validation_failed');
    const paths = res.body.details.map((d: { path: string }) => d.path);
    expect(new Set(paths)).toEqual(
      new Set([
        'updates[1].variantId',
        'updates[2].facility',
        'updates[2].status',
        'updates[2].observedAt',
        'updates[3].quantity',
        'updates[3].observedAt',
        'updates[4].extra',
      ]),
    );
    for (const d of res.body.details) expect(d.message).toContain(d.path);
  });

  it('rejects a body without updates, naming the field', async () => {
    const res = await hub().post('/v1/facility-stock', {}).expect(400);
    expect(res.body.details.map((d: { path: string }) => d.path)).toContain('updates');
  });

  it('rejects malformed JSON as validation_failed', async () => {
    const res = await hub().post('/v1/facility-stock').set('content-type', 'application/json').send('{"updates": [').expect(400);
    expect(res.body).toEqual({ error: 'validation_failed', details: [{ path: 'body', message: expect.any(String) }] });
  });

  it('rejects more than 10 000 updates, naming the field', async () => {
    const observedAt = nextObservedAt();
    const updates = Array.from({ length: 10_001 }, () => ({ variantId: 1001, facility: 'US-NC', status: 'in_stock', observedAt }));
    const res = await hub().post('/v1/facility-stock', { updates }).expect(400);
    expect(res.body.details).toEqual([{ path: 'updates', message: expect.stringContaining('10000') }]);
  });

  it('unknown variants and facilities reject the whole batch, naming each entry, and write nothing', async () => {
    const before = await countRows();
    const res = await hub()
      .post('/v1/facility-stock', {
        updates: [
          { variantId: 1002, facility: 'ES', status: 'in_stock', observedAt: nextObservedAt() },
          { variantId: 999999, facility: 'ES', status: 'in_stock', observedAt: nextObservedAt() },
          { variantId: 1003, facility: 'XX', status: 'in_stock', observedAt: nextObservedAt() },
          { variantId: 1002, facility: 'MX', status: 'out_of_stock', observedAt: nextObservedAt() },
        ],
      })
      .expect(400);
    expect(res.body.details).toEqual([
      { path: 'updates[1].variantId', message: expect.stringContaining('999999') },
      { path: 'updates[2].facility', message: expect.stringContaining('XX') },
    ]);
    expect(await countRows()).toBe(before);
    expect(await stockRow(1002, 'ES')).toBeUndefined();
  });

  it('POD updates need a status and warehouse updates a quantity', async () => {
    const res = await hub()
      .post('/v1/facility-stock', {
        updates: [
          { variantId: 1002, facility: 'ES', quantity: 3, observedAt: nextObservedAt() },
          { variantId: 2002, facility: 'ES', status: 'in_stock', observedAt: nextObservedAt() },
        ],
      })
      .expect(400);
    expect(res.body.details).toEqual([
      { path: 'updates[0].status', message: expect.stringContaining('POD') },
      { path: 'updates[1].quantity', message: expect.stringContaining('warehouse') },
    ]);
  });

  it('rejects observations from the future (they would shadow every real update)', async () => {
    const res = await hub()
      .post('/v1/facility-stock', {
        updates: [{ variantId: 1002, facility: 'ES', status: 'in_stock', observedAt: new Date(Date.now() + 3_600_000).toISOString() }],
      })
      .expect(400);
    expect(res.body.details).toEqual([{ path: 'updates[0].observedAt', message: expect.stringContaining('future') }]);
  });

  describe('newest wins (rule 9)', () => {
    it('an older observation is counted stale and not applied', async () => {
      const older = nextObservedAt();
      const newer = nextObservedAt();
      await hub()
        .post('/v1/facility-stock', { updates: [{ variantId: 1003, facility: 'CA', status: 'out_of_stock', observedAt: newer }] })
        .expect(202);
      const res = await hub()
        .post('/v1/facility-stock', { updates: [{ variantId: 1003, facility: 'CA', status: 'in_stock', observedAt: older }] })
        .expect(202);
      expect(res.body).toEqual({ accepted: 0, stale: 1, unrecognisedStatus: 0, affectedSyncVariants: 0 });
      expect(await stockRow(1003, 'CA')).toMatchObject({ status: 'out_of_stock' });
      expect(new Date((await stockRow(1003, 'CA'))!.observed_at).toISOString()).toBe(newer);
    });

    it('an observation as old as the stored one is stale too (the first report of an instant stands)', async () => {
      const at = nextObservedAt();
      await hub()
        .post('/v1/facility-stock', { updates: [{ variantId: 1003, facility: 'MX', status: 'in_stock', observedAt: at }] })
        .expect(202);
      const res = await hub()
        .post('/v1/facility-stock', { updates: [{ variantId: 1003, facility: 'MX', status: 'discontinued', observedAt: at }] })
        .expect(202);
      expect(res.body).toMatchObject({ accepted: 0, stale: 1 });
      expect(await stockRow(1003, 'MX')).toMatchObject({ status: 'in_stock' });
    });

    it('duplicates in one batch: the newest wins, the others are stale', async () => {
      const t1 = nextObservedAt();
      const t2 = nextObservedAt();
      const t3 = nextObservedAt();
      const res = await hub()
        .post('/v1/facility-stock', {
          updates: [
            { variantId: 2002, facility: 'US-TX', quantity: 5, observedAt: t2 },
            { variantId: 2002, facility: 'US-TX', quantity: 9, observedAt: t3 },
            { variantId: 2002, facility: 'US-TX', quantity: 1, observedAt: t1 },
          ],
        })
        .expect(202);
      expect(res.body).toMatchObject({ accepted: 1, stale: 2 });
      expect(await stockRow(2002, 'US-TX')).toMatchObject({ quantity: 9 });
    });

    it('duplicates at the same instant: the later entry in the batch wins', async () => {
      const t = nextObservedAt();
      await hub()
        .post('/v1/facility-stock', {
          updates: [
            { variantId: 2002, facility: 'UK', quantity: 1, observedAt: t },
            { variantId: 2002, facility: 'UK', quantity: 2, observedAt: t },
          ],
        })
        .expect(202);
      expect(await stockRow(2002, 'UK')).toMatchObject({ quantity: 2 });
    });

    it('concurrent batches for one facility row end with the newest observation', async () => {
      const times = Array.from({ length: 12 }, () => nextObservedAt());
      const shuffled = [...times.keys()].sort((a, b) => ((a * 7) % 12) - ((b * 7) % 12));
      await Promise.all(
        shuffled.map((i) =>
          hub()
            .post('/v1/facility-stock', { updates: [{ variantId: 2001, facility: 'ES', quantity: i, observedAt: times[i] }] })
            .expect(202),
        ),
      );
      expect(await stockRow(2001, 'ES')).toMatchObject({ quantity: 11 });
    });
  });

  describe('marking synced variants pending', () => {
    let na: string;
    let naDisabled: string;
    let europe: string;

    beforeAll(async () => {
      await putCatalog(hub(), [POD(3001), POD(3002), WAREHOUSE(3003)]);
      na = await createStore(hub(), { sellingRegion: 'north_america' });
      naDisabled = await createStore(hub(), { sellingRegion: 'north_america', stockSyncEnabled: false });
      europe = await createStore(hub(), { sellingRegion: 'europe' });
      for (const store of [na, naDisabled, europe]) {
        await putSyncVariants(hub(), store, [
          { externalProductId: 'p1', externalVariantId: 'synced', catalogVariantId: 3001 },
          { externalProductId: 'p1', externalVariantId: 'ignored', catalogVariantId: 3001, ignored: true },
          { externalProductId: 'p1', externalVariantId: 'unlinked', catalogVariantId: null },
          { externalProductId: 'p2', externalVariantId: 'other', catalogVariantId: 3002 },
          { externalProductId: 'p3', externalVariantId: 'warehouse', catalogVariantId: 3003 },
        ]);
      }
    });

    beforeEach(() => settleAll(hub()));

    it('marks only synced, non-ignored variants of enabled stores whose region has the facility', async () => {
      const res = await hub()
        .post('/v1/facility-stock', {
          updates: [{ variantId: 3001, facility: 'US-NC', status: 'out_of_stock', observedAt: nextObservedAt() }],
        })
        .expect(202);
      expect(res.body).toEqual({ accepted: 1, stale: 0, unrecognisedStatus: 0, affectedSyncVariants: 1 });
      expect(await dueByVariant(hub(), na)).toEqual({ synced: true, ignored: false, unlinked: false, other: false, warehouse: false });
      expect(Object.values(await dueByVariant(hub(), naDisabled)).some(Boolean)).toBe(false);
      expect(Object.values(await dueByVariant(hub(), europe)).some(Boolean)).toBe(false);
    });

    it('a facility in both regions (worldwide-like overlap): LV reaches the europe store only', async () => {
      const res = await hub()
        .post('/v1/facility-stock', { updates: [{ variantId: 3001, facility: 'LV', status: 'in_stock', observedAt: nextObservedAt() }] })
        .expect(202);
      expect(res.body.affectedSyncVariants).toBe(1);
      expect((await dueByVariant(hub(), europe)).synced).toBe(true);
      expect((await dueByVariant(hub(), na)).synced).toBe(false);
    });

    it('a newer observation that changes nothing is applied but marks nothing', async () => {
      await hub()
        .post('/v1/facility-stock', { updates: [{ variantId: 3003, facility: 'CA', quantity: 4, observedAt: nextObservedAt() }] })
        .expect(202);
      await settleAll(hub());
      const res = await hub()
        .post('/v1/facility-stock', { updates: [{ variantId: 3003, facility: 'CA', quantity: 4, observedAt: nextObservedAt() }] })
        .expect(202);
      expect(res.body).toEqual({ accepted: 1, stale: 0, unrecognisedStatus: 0, affectedSyncVariants: 0 });
      expect((await dueByVariant(hub(), na)).warehouse).toBe(false);
    });

    it('a stale observation marks nothing', async () => {
      const old = '2025-01-01T00:00:00Z';
      const res = await hub()
        .post('/v1/facility-stock', { updates: [{ variantId: 3003, facility: 'CA', quantity: 99, observedAt: old }] })
        .expect(202);
      expect(res.body).toEqual({ accepted: 0, stale: 1, unrecognisedStatus: 0, affectedSyncVariants: 0 });
    });

    it('marks by version: no sync_variants row is written, and the change is due at once whatever the retry time', async () => {
      await hub().sql(
        `UPDATE sync_variants SET pending = true, attempts = 3, next_attempt_at = now() + interval '1 hour', state = 'failed' WHERE store_id = $1`,
        [na],
      );
      const rowsOf = () =>
        hub().sql<{ id: string; pending_version: number; updated_at: Date; seen_seq: string }>(
          `SELECT id::text AS id, pending_version, updated_at, seen_seq::text AS seen_seq FROM sync_variants ORDER BY id`,
        );
      const before = await rowsOf();
      const [region] = await hub().sql<{ stock_seq: string }>(
        `SELECT stock_seq::text AS stock_seq FROM selling_regions WHERE code = 'north_america'`,
      );
      const res = await hub()
        .post('/v1/facility-stock', { updates: [{ variantId: 3001, facility: 'MX', status: 'in_stock', observedAt: nextObservedAt() }] })
        .expect(202);
      expect(res.body.affectedSyncVariants).toBe(1);
      expect(await rowsOf()).toEqual(before);

      // The change's version is on the facility row and on every region holding the facility, and newer than before.
      const [change] = await hub().sql<{ change_seq: string }>(
        `SELECT change_seq::text AS change_seq FROM facility_stock WHERE variant_id = 3001 AND facility_code = 'MX'`,
      );
      const [after] = await hub().sql<{ stock_seq: string }>(
        `SELECT stock_seq::text AS stock_seq FROM selling_regions WHERE code = 'north_america'`,
      );
      expect(BigInt(after!.stock_seq)).toBeGreaterThan(BigInt(region!.stock_seq));
      expect(after!.stock_seq).toBe(change!.change_seq);
      const [europe] = await hub().sql<{ stock_seq: string }>(
        `SELECT stock_seq::text AS stock_seq FROM selling_regions WHERE code = 'europe'`,
      );
      expect(europe!.stock_seq).not.toBe(change!.change_seq);
      expect((await dueByVariant(hub(), na)).synced).toBe(true);
    });

    it('a re-observation of the same state keeps the version of the change it repeats', async () => {
      await hub()
        .post('/v1/facility-stock', { updates: [{ variantId: 3002, facility: 'US-TX', status: 'in_stock', observedAt: nextObservedAt() }] })
        .expect(202);
      const version = async () =>
        (
          await hub().sql<{ change_seq: string }>(
            `SELECT change_seq::text AS change_seq FROM facility_stock WHERE variant_id = 3002 AND facility_code = 'US-TX'`,
          )
        )[0]!.change_seq;
      const first = await version();
      await hub()
        .post('/v1/facility-stock', { updates: [{ variantId: 3002, facility: 'US-TX', status: 'in_stock', observedAt: nextObservedAt() }] })
        .expect(202);
      expect(await version()).toBe(first);
      await hub()
        .post('/v1/facility-stock', {
          updates: [{ variantId: 3002, facility: 'US-TX', status: 'out_of_stock', observedAt: nextObservedAt() }],
        })
        .expect(202);
      expect(BigInt(await version())).toBeGreaterThan(BigInt(first));
    });
  });

  describe('10 000 updates in one request', () => {
    it('touch the database in a bounded number of statements (set-based)', async () => {
      const ids = Array.from({ length: 10_000 }, (_, i) => 500_000 + i);
      let before = hub().statements();
      await hub()
        .put('/v1/catalog/variants', { variants: ids.map((id) => POD(id, 9)) })
        .expect(200);
      const catalogStatements = hub().statements() - before;
      expect(catalogStatements).toBeLessThanOrEqual(6);

      const observedAt = nextObservedAt();
      const facilities = ['US-NC', 'US-TX', 'MX', 'CA', 'LV'];
      const updates = ids.map((id, i) => ({
        variantId: id,
        facility: facilities[i % facilities.length],
        status: i % 3 ? 'in_stock' : 'out_of_stock',
        observedAt,
      }));
      before = hub().statements();
      const res = await hub().post('/v1/facility-stock', { updates }).expect(202);
      const stockStatements = hub().statements() - before;
      expect(res.body).toEqual({ accepted: 10_000, stale: 0, unrecognisedStatus: 0, affectedSyncVariants: 0 });
      expect(stockStatements).toBeLessThanOrEqual(10);
      console.log(`10 000 catalog variants: ${catalogStatements} statements; 10 000 facility updates: ${stockStatements} statements`);
      const [{ n }] = await hub().sql<{ n: string }>(`SELECT count(*) AS n FROM facility_stock WHERE variant_id >= 500000`);
      expect(Number(n)).toBe(10_000);
    });
  });
});

describeHub('GET /v1/catalog/variants/:id/stock and PUT /v1/catalog/variants', (hub) => {
  beforeAll(async () => {
    await putCatalog(hub(), [POD(7001), WAREHOUSE(7002)]);
  });

  it('shows per-facility state and the availability each region computes (help-page example)', async () => {
    const at = nextObservedAt();
    await hub()
      .post('/v1/facility-stock', {
        updates: ['US-NC', 'US-TX', 'MX', 'CA']
          .map((facility) => ({ variantId: 7001, facility, status: 'out_of_stock', observedAt: at }))
          .concat([{ variantId: 7001, facility: 'LV', status: 'in_stock', observedAt: at }]),
      })
      .expect(202);
    const res = await hub().get('/v1/catalog/variants/7001/stock').expect(200);
    expect(res.body.variant).toEqual({ id: 7001, productId: 1, name: 'POD variant 7001', sku: 'POD-7001', fulfillment: 'pod' });
    expect(res.body.facilities).toHaveLength(5);
    expect(res.body.facilities[0]).toEqual({
      facility: 'CA',
      status: 'out_of_stock',
      quantity: null,
      observedAt: at,
      updatedAt: expect.any(String),
    });
    const region = (code: string) => res.body.regions.find((r: { region: string }) => r.region === code);
    expect(region('north_america')).toMatchObject({ basis: 'computed', stock: { kind: 'out_of_stock' } });
    expect(region('worldwide')).toMatchObject({ basis: 'computed', stock: { kind: 'unlimited' } });
    expect(region('europe')).toMatchObject({ basis: 'computed', stock: { kind: 'unlimited' } });
    expect(region('japan')).toMatchObject({ basis: 'unknown', stock: null });
    expect(res.body.regions).toHaveLength(17);
  });

  it("warehouse availability is the sum of the region facilities' quantities", async () => {
    const at = nextObservedAt();
    await hub()
      .post('/v1/facility-stock', {
        updates: [
          { variantId: 7002, facility: 'US-NC', quantity: 3, observedAt: at },
          { variantId: 7002, facility: 'CA', quantity: 4, observedAt: at },
          { variantId: 7002, facility: 'LV', quantity: 10, observedAt: at },
        ],
      })
      .expect(202);
    const res = await hub().get('/v1/catalog/variants/7002/stock').expect(200);
    const region = (code: string) => res.body.regions.find((r: { region: string }) => r.region === code);
    expect(region('north_america').stock).toEqual({ kind: 'quantity', quantity: 7 });
    expect(region('worldwide').stock).toEqual({ kind: 'quantity', quantity: 17 });
  });

  it('404 for an unknown variant, 400 for a malformed id', async () => {
    expect((await hub().get('/v1/catalog/variants/424242/stock').expect(404)).body).toEqual({
      error: 'not_found',
      message: expect.stringContaining('424242'),
    });
    expect((await hub().get('/v1/catalog/variants/abc/stock').expect(400)).body.details[0].path).toBe('id');
  });

  it('upserts (insert then update) and reports the count', async () => {
    await hub()
      .put('/v1/catalog/variants', { variants: [{ id: 7003, productId: 5, name: 'first', fulfillment: 'pod' }] })
      .expect(200, { upserted: 1 });
    await hub()
      .put('/v1/catalog/variants', { variants: [{ id: 7003, productId: 5, name: 'renamed', sku: 'S-1', fulfillment: 'warehouse' }] })
      .expect(200, { upserted: 1 });
    const [row] = await hub().sql<{ name: string; sku: string; fulfillment: string }>(
      `SELECT name, sku, fulfillment FROM catalog_variants WHERE id = 7003`,
    );
    expect(row).toEqual({ name: 'renamed', sku: 'S-1', fulfillment: 'warehouse' });
  });

  it('names every offending field; duplicates are rejected; nothing is written', async () => {
    const res = await hub()
      .put('/v1/catalog/variants', {
        variants: [
          { id: 7100, productId: 1, name: 'ok', fulfillment: 'pod' },
          { id: 0, productId: 'x', name: '', fulfillment: 'dropship' },
        ],
      })
      .expect(400);
    expect(res.body.details.map((d: { path: string }) => d.path).sort()).toEqual(
      ['variants[1].fulfillment', 'variants[1].id', 'variants[1].name', 'variants[1].productId'].sort(),
    );
    const dup = await hub()
      .put('/v1/catalog/variants', { variants: [POD(7101), POD(7102), POD(7101)] })
      .expect(400);
    expect(dup.body.details).toEqual([{ path: 'variants[2].id', message: expect.stringContaining('variants[0].id') }]);
    expect(await hub().sql(`SELECT id FROM catalog_variants WHERE id IN (7100, 7101, 7102)`)).toEqual([]);
  });

  it('rejects more than 10 000 variants, naming the field', async () => {
    const variants = Array.from({ length: 10_001 }, (_, i) => POD(800_000 + i));
    const res = await hub().put('/v1/catalog/variants', { variants }).expect(400);
    expect(res.body.details).toEqual([{ path: 'variants', message: expect.stringContaining('10000') }]);
  });
});
