/**
 * synced_variant_counts (migration 1765400000000) is what the facility-stock POST sums for
 * `affectedSyncVariants`: after every way a row can become or stop being synced — sync-variant upserts that
 * insert, relink, ignore or unlink, store stock sync switched, store region changed, variants and stores
 * deleted — the trigger-kept counters equal a direct count over sync_variants, and the POST reports it.
 */
import { describeHub, type TestHub } from '../support/hub-harness';
import { createStore, nextObservedAt, POD, putCatalog, putSyncVariants } from '../support/scenario';

/** (catalog variant, region) → synced variants, straight from sync_variants (what the counters must equal). */
async function directCounts(hub: TestHub): Promise<Record<string, number>> {
  const rows = await hub.sql<{ k: string; n: string | number }>(
    `SELECT sv.catalog_variant_id || '@' || s.selling_region AS k, count(*) AS n
     FROM sync_variants sv JOIN stores s ON s.id = sv.store_id
     WHERE sv.catalog_variant_id IS NOT NULL AND NOT sv.ignored AND s.stock_sync_enabled
     GROUP BY 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.k, Number(r.n)]));
}

async function keptCounts(hub: TestHub): Promise<Record<string, number>> {
  const rows = await hub.sql<{ k: string; n: string | number }>(
    `SELECT catalog_variant_id || '@' || region_code AS k, synced AS n FROM synced_variant_counts WHERE synced <> 0`,
  );
  return Object.fromEntries(rows.map((r) => [r.k, Number(r.n)]));
}

describeHub('synced variant counters', (hub) => {
  const expectCountersExact = async (expected: Record<string, number>) => {
    expect(await directCounts(hub())).toEqual(expected);
    expect(await keptCounts(hub())).toEqual(expected);
  };

  it('follow upserts, store switches, region changes and deletions; the POST sums them', async () => {
    await putCatalog(hub(), [POD(7101), POD(7102), POD(7103)]);
    const a = await createStore(hub(), { sellingRegion: 'north_america', name: 'counts a' });
    const b = await createStore(hub(), { sellingRegion: 'north_america', name: 'counts b' });
    const e = await createStore(hub(), { sellingRegion: 'europe', name: 'counts e' });
    const rows = [
      { externalProductId: 'p', externalVariantId: 'x1', catalogVariantId: 7101 },
      { externalProductId: 'p', externalVariantId: 'x2', catalogVariantId: 7101 },
      { externalProductId: 'p', externalVariantId: 'y', catalogVariantId: 7102 },
      { externalProductId: 'p', externalVariantId: 'ign', catalogVariantId: 7103, ignored: true },
      { externalProductId: 'p', externalVariantId: 'none', catalogVariantId: null },
    ];
    for (const s of [a, b, e]) await putSyncVariants(hub(), s, rows);
    await expectCountersExact({ '7101@north_america': 4, '7102@north_america': 2, '7101@europe': 2, '7102@europe': 1 });

    // Relink, ignore, un-ignore, unlink in one upsert (the row-level trigger).
    await putSyncVariants(hub(), a, [
      { externalProductId: 'p', externalVariantId: 'x1', catalogVariantId: 7102 },
      { externalProductId: 'p', externalVariantId: 'x2', catalogVariantId: 7101, ignored: true },
      { externalProductId: 'p', externalVariantId: 'ign', catalogVariantId: 7103 },
      { externalProductId: 'p', externalVariantId: 'y', catalogVariantId: null },
    ]);
    await expectCountersExact({
      '7101@north_america': 2,
      '7102@north_america': 2,
      '7103@north_america': 1,
      '7101@europe': 2,
      '7102@europe': 1,
    });

    // A store's stock sync off, then on; its region changed.
    await hub().patch(`/v1/stores/${b}`, { stockSyncEnabled: false }).expect(200);
    await expectCountersExact({ '7102@north_america': 1, '7103@north_america': 1, '7101@europe': 2, '7102@europe': 1 });
    await hub().patch(`/v1/stores/${b}`, { stockSyncEnabled: true, sellingRegion: 'europe' }).expect(200);
    await expectCountersExact({ '7102@north_america': 1, '7103@north_america': 1, '7101@europe': 4, '7102@europe': 2 });
    await hub().patch(`/v1/stores/${b}`, { sellingRegion: 'north_america' }).expect(200);
    await expectCountersExact({
      '7101@north_america': 2,
      '7102@north_america': 2,
      '7103@north_america': 1,
      '7101@europe': 2,
      '7102@europe': 1,
    });

    // The POST reports the counter of each (changed variant, region) pair: 7101 at US-NC reaches north_america only.
    const post = await hub()
      .post('/v1/facility-stock', {
        updates: [{ variantId: 7101, facility: 'US-NC', status: 'out_of_stock', observedAt: nextObservedAt() }],
      })
      .expect(202);
    expect(post.body.affectedSyncVariants).toBe(2);

    // Rows deleted, then a whole store (its variants leave before the cascade; nothing is subtracted twice).
    await hub().sql(`DELETE FROM sync_variants WHERE store_id = $1 AND external_variant_id = 'x1'`, [a]);
    await expectCountersExact({
      '7101@north_america': 2,
      '7102@north_america': 1,
      '7103@north_america': 1,
      '7101@europe': 2,
      '7102@europe': 1,
    });
    await hub().sql(`DELETE FROM stores WHERE id = $1`, [e]);
    await expectCountersExact({ '7101@north_america': 2, '7102@north_america': 1, '7103@north_america': 1 });
    await hub().sql(`DELETE FROM stores WHERE id = ANY($1::uuid[])`, [[a, b]]);
    await expectCountersExact({});
  });
});
