/**
 * Issue 7 item 2: under load on PostgreSQL, facility-stock posts (marking synced variants pending) and the
 * worker's recordings (clearing them) updated the same sync_variants rows in different orders and
 * deadlocked — 0.4 % of posts answered 500. Every statement now locks those rows in id order and the
 * transaction boundary retries 40P01/40001, so no error may reach a client or a worker.
 * (On PGlite, one session, the same load must simply all succeed.)
 */
import { StoreLeases } from '../src/sync/store-lease';
import { recordChunkUnderLease } from '../src/sync/sync-records';
import { describeHub } from './support/hub-harness';
import { createStore, nextObservedAt, POD, putCatalog, putSyncVariants } from './support/scenario';
import { settledWrite } from './sync/support/settled-write';

/** Deterministic shuffle (a fixed seed keeps failures reproducible). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describeHub('row lock order under concurrent marking and recording', (hub) => {
  const N = 150;
  const ids = Array.from({ length: N }, (_, i) => 9301 + i);
  const facilities = ['US-NC', 'US-TX', 'MX', 'CA'];
  let stores: string[] = [];

  beforeAll(async () => {
    await putCatalog(
      hub(),
      ids.map((id) => POD(id)),
    );
    stores = [];
    for (let s = 0; s < 3; s++) {
      const storeId = await createStore(hub(), { sellingRegion: 'north_america', name: `lock order ${s}` });
      // Row ids in an order unrelated to catalog ids, so "catalog order" and "row id order" differ.
      await putSyncVariants(
        hub(),
        storeId,
        shuffled(ids, 7 + s).map((id) => ({ externalProductId: 'p', externalVariantId: `v${id}`, catalogVariantId: id })),
      );
      stores.push(storeId);
    }
  });

  it('many concurrent facility-stock posts and recordings on the same rows: every one succeeds', async () => {
    const leases = new StoreLeases(hub().db, 'lock-order-test', 60);
    const held = await Promise.all(stores.map((id) => leases.acquire(id)));
    const rows = await hub().sql<{ id: string; store_id: string; pending_version: number }>(
      `SELECT id::text AS id, store_id, pending_version FROM sync_variants WHERE store_id = ANY($1::uuid[])`,
      [stores],
    );
    const written = { kind: 'unlimited' as const };

    const posts = Array.from({ length: 24 }, (_, p) =>
      hub()
        .post('/v1/facility-stock', {
          updates: shuffled(ids, 100 + p).map((variantId, i) => ({
            variantId,
            facility: facilities[(p + i) % facilities.length],
            status: (p + i) % 2 ? 'in_stock' : 'out_of_stock',
            observedAt: nextObservedAt(),
          })),
        })
        .then((r) => r.status),
    );
    const recordings = stores.map(async (storeId, s) => {
      const mine = rows.filter((r) => r.store_id === storeId);
      const errors: string[] = [];
      for (let k = 0; k < 8; k++) {
        try {
          await recordChunkUnderLease(hub().db, held[s]!, {
            storeId,
            runId: '00000000-0000-0000-0000-000000000000',
            variants: shuffled(mine, 1000 * s + k).map((v) => settledWrite({ id: v.id, pendingVersion: v.pending_version }, written)),
            changes: [],
            counts: { planned: 0, written: 0, unchanged: 0, failed: 0, drift: 0 },
          });
        } catch (e) {
          errors.push((e as Error).message);
        }
      }
      return errors;
    });

    // Every other marking writer at the same time: store settings (whole store marked) and sync-variant
    // upserts (re-linking rows in the request's order, which is not the row order).
    const settings = stores.flatMap((storeId) =>
      [0, 1, 2].map((k) =>
        hub()
          .patch(`/v1/stores/${storeId}`, { stockSyncEnabled: k % 2 === 1 })
          .then((r) => r.status),
      ),
    );
    const upserts = stores.flatMap((storeId, s) =>
      [0, 1].map((k) =>
        hub()
          .put(`/v1/stores/${storeId}/sync-variants`, {
            variants: shuffled(ids, 500 + 10 * s + k).map((id, i) => ({
              externalProductId: 'p',
              externalVariantId: `v${id}`,
              catalogVariantId: id,
              ignored: (i + k) % 7 === 0,
            })),
          })
          .then((r) => r.status),
      ),
    );

    const [statuses, recordingErrors, settingStatuses, upsertStatuses] = await Promise.all([
      Promise.all(posts),
      Promise.all(recordings),
      Promise.all(settings),
      Promise.all(upserts),
    ]);
    await Promise.all(held.map((l) => l?.release()));
    expect(statuses.filter((s) => s !== 202)).toEqual([]);
    expect(recordingErrors.flat()).toEqual([]);
    expect(settingStatuses.filter((s) => s !== 200)).toEqual([]);
    expect(upsertStatuses.filter((s) => s !== 200)).toEqual([]);
  }, 180_000);
});
