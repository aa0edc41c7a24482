import { describeHub } from './support/hub-harness';
import { createStore, pendingByVariant, POD, putCatalog, putSyncVariants } from './support/scenario';

describeHub('synced variants', (hub) => {
  let store: string;
  let disabledStore: string;

  beforeAll(async () => {
    await putCatalog(hub(), [POD(21), POD(22), POD(23)]);
    store = await createStore(hub(), { sellingRegion: 'worldwide' });
    disabledStore = await createStore(hub(), { sellingRegion: 'worldwide', stockSyncEnabled: false });
  });

  const row = async (storeId: string, ext: string) =>
    (
      await hub().sql<{ catalog_variant_id: number | null; ignored: boolean; pending: boolean; pending_version: number; state: string }>(
        `SELECT catalog_variant_id, ignored, pending, pending_version, state FROM sync_variants WHERE store_id = $1 AND external_variant_id = $2`,
        [storeId, ext],
      )
    )[0];

  it('PUT upserts by (store, externalProductId, externalVariantId); new synced rows are pending, others not', async () => {
    const res = await hub()
      .put(`/v1/stores/${store}/sync-variants`, {
        variants: [
          { externalProductId: 'p1', externalVariantId: 'v1', catalogVariantId: 21 },
          { externalProductId: 'p1', externalVariantId: 'v2', catalogVariantId: 22, ignored: true },
          { externalProductId: 'p1', externalVariantId: 'v3', catalogVariantId: null },
          { externalProductId: 123, externalVariantId: 456, catalogVariantId: 23 },
        ],
      })
      .expect(200);
    expect(res.body).toEqual({ upserted: 4 });
    expect(await pendingByVariant(hub(), store)).toEqual({ v1: true, v2: false, v3: false, '456': true });
  });

  it('re-sending the same rows marks nothing new; changing a link marks it; unlinking clears pending', async () => {
    await hub().sql(`UPDATE sync_variants SET pending = false, state = 'in_sync' WHERE store_id = $1`, [store]);
    const v1Before = (await row(store, 'v1'))!.pending_version;
    await putSyncVariants(hub(), store, [
      { externalProductId: 'p1', externalVariantId: 'v1', catalogVariantId: 21 },
      { externalProductId: 'p1', externalVariantId: 'v2', catalogVariantId: 22 }, // un-ignored → synced now
      { externalProductId: 'p1', externalVariantId: 'v3', catalogVariantId: 23 }, // linked now
      { externalProductId: '123', externalVariantId: '456', catalogVariantId: null }, // unlinked
    ]);
    expect(await pendingByVariant(hub(), store)).toEqual({ v1: false, v2: true, v3: true, '456': false });
    expect((await row(store, 'v1'))!.pending_version).toBe(v1Before);
    expect(await row(store, 'v2')).toMatchObject({ ignored: false, state: 'pending' });
    expect(await row(store, '456')).toMatchObject({ catalog_variant_id: null, pending: false });
  });

  it('variants of a store with stock sync disabled are stored but never pending', async () => {
    await putSyncVariants(hub(), disabledStore, [{ externalProductId: 'p', externalVariantId: 'd1', catalogVariantId: 21 }]);
    expect(await pendingByVariant(hub(), disabledStore)).toEqual({ d1: false });
  });

  it('unknown catalog variants: 400 naming each entry, nothing written', async () => {
    const before = (await hub().sql(`SELECT id FROM sync_variants`)).length;
    const res = await hub()
      .put(`/v1/stores/${store}/sync-variants`, {
        variants: [
          { externalProductId: 'x', externalVariantId: 'new-ok', catalogVariantId: 21 },
          { externalProductId: 'x', externalVariantId: 'new-bad', catalogVariantId: 999 },
          { externalProductId: 'x', externalVariantId: 'new-bad2', catalogVariantId: 998 },
        ],
      })
      .expect(400);
    expect(res.body.details).toEqual([
      { path: 'variants[1].catalogVariantId', message: expect.stringContaining('999') },
      { path: 'variants[2].catalogVariantId', message: expect.stringContaining('998') },
    ]);
    expect((await hub().sql(`SELECT id FROM sync_variants`)).length).toBe(before);
  });

  it('validation names every field; duplicates and oversize batches are rejected', async () => {
    const res = await hub()
      .put(`/v1/stores/${store}/sync-variants`, {
        variants: [{ externalProductId: '', externalVariantId: 'a', catalogVariantId: 'x', ignored: 'no' }, { externalVariantId: 'b' }],
      })
      .expect(400);
    expect(res.body.details.map((d: { path: string }) => d.path).sort()).toEqual(
      [
        'variants[0].catalogVariantId',
        'variants[0].externalProductId',
        'variants[0].ignored',
        'variants[1].catalogVariantId',
        'variants[1].externalProductId',
      ].sort(),
    );
    const dup = await hub()
      .put(`/v1/stores/${store}/sync-variants`, {
        variants: [
          { externalProductId: 'p', externalVariantId: 'same', catalogVariantId: 21 },
          { externalProductId: 'p', externalVariantId: 'same', catalogVariantId: 22 },
        ],
      })
      .expect(400);
    expect(dup.body.details).toEqual([{ path: 'variants[1]', message: expect.stringContaining('variants[0]') }]);
    const big = Array.from({ length: 10_001 }, (_, i) => ({ externalProductId: 'p', externalVariantId: `v${i}`, catalogVariantId: null }));
    const tooMany = await hub().put(`/v1/stores/${store}/sync-variants`, { variants: big }).expect(400);
    expect(tooMany.body.details).toEqual([{ path: 'variants', message: expect.stringContaining('10000') }]);
  });

  it('404 for an unknown store', async () => {
    await hub().put('/v1/stores/00000000-0000-4000-8000-000000000001/sync-variants', { variants: [] }).expect(404);
    await hub().get('/v1/stores/00000000-0000-4000-8000-000000000001/sync-variants').expect(404);
  });

  describe('GET with state filter, limit and cursor', () => {
    let pageStore: string;

    beforeAll(async () => {
      pageStore = await createStore(hub(), { sellingRegion: 'europe' });
      await putSyncVariants(
        hub(),
        pageStore,
        Array.from({ length: 25 }, (_, i) => ({
          externalProductId: 'prod',
          externalVariantId: `v${String(i).padStart(2, '0')}`,
          catalogVariantId: i % 5 === 0 ? null : 21,
        })),
      );
      await hub().sql(
        `UPDATE sync_variants SET pending = false, state = 'in_sync', desired = '{"kind":"unlimited"}', last_written = '{"kind":"unlimited"}', last_written_at = now()
         WHERE store_id = $1 AND external_variant_id IN ('v01', 'v02')`,
        [pageStore],
      );
      await hub().sql(
        `UPDATE sync_variants SET pending = false, state = 'failed', last_error = '{"code":"rejected","message":"nope"}', attempts = 2
         WHERE store_id = $1 AND external_variant_id = 'v03'`,
        [pageStore],
      );
    });

    it('pages through every row exactly once with an opaque cursor', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/v1/stores/${pageStore}/sync-variants?limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const res = await hub().get(url).expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(10);
        seen.push(...res.body.items.map((r: { externalVariantId: string }) => r.externalVariantId));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toHaveLength(25);
      expect(new Set(seen).size).toBe(25);
    });

    it('rows carry desired / lastWritten / lastWrittenAt / lastError / state', async () => {
      const res = await hub().get(`/v1/stores/${pageStore}/sync-variants?state=in_sync`).expect(200);
      expect(res.body.items).toHaveLength(2);
      expect(res.body.items[0]).toEqual({
        id: expect.any(String),
        externalProductId: 'prod',
        externalVariantId: 'v01',
        catalogVariantId: 21,
        ignored: false,
        synced: true,
        state: 'in_sync',
        pending: false,
        pendingSince: expect.any(String),
        desired: { kind: 'unlimited' },
        lastWritten: { kind: 'unlimited' },
        lastWrittenAt: expect.any(String),
        lastError: null,
        attempts: 0,
        nextAttemptAt: null,
        notFoundAt: null,
        updatedAt: expect.any(String),
      });
      expect(res.body.nextCursor).toBeNull();
      const failed = await hub().get(`/v1/stores/${pageStore}/sync-variants?state=failed`).expect(200);
      expect(failed.body.items.map((r: { externalVariantId: string; lastError: unknown }) => [r.externalVariantId, r.lastError])).toEqual([
        ['v03', { code: 'rejected', message: 'nope' }],
      ]);
      const pending = await hub().get(`/v1/stores/${pageStore}/sync-variants?state=pending&limit=1000`).expect(200);
      expect(pending.body.items).toHaveLength(17); // 20 linked − 3 above; unlinked rows are not "synced"
    });

    it('limit defaults to 100 and is capped at 1000; bad state/limit/cursor are named', async () => {
      const all = await hub().get(`/v1/stores/${pageStore}/sync-variants`).expect(200);
      expect(all.body.items).toHaveLength(25);
      const bad = await hub().get(`/v1/stores/${pageStore}/sync-variants?state=done&limit=1001`).expect(400);
      expect(bad.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['limit', 'state']);
      const badCursor = await hub().get(`/v1/stores/${pageStore}/sync-variants?cursor=garbage`).expect(400);
      expect(badCursor.body.details).toEqual([{ path: 'cursor', message: expect.any(String) }]);
    });
  });
});
