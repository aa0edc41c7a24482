/**
 * A notice that outran the hub's record of its own write (a chunk is recorded after all its calls): it is marked,
 * with what it said the variant shows (`readback_shown`) while the notices since the last read-back agree; when
 * the `notice` run starts (dropEchoedMarks), a mark whose shown is what the hub has since recorded as written is
 * dropped — no platform call. A mark whose notices disagreed, or said nothing, stays for the read-back. Real
 * database, the plugin stubbed (support/refs-plugin.ts).
 */
import type { NoticeRef, TargetStock } from '@stock-sync/plugin-sdk';
import type { NoticesService } from '../../src/notices/notices.service';
import { dropEchoedMarks } from '../../src/sync/sync-records';
import { waitFor } from '../e2e/support/sync-hub';
import { describeHub } from '../support/hub-harness';
import { createStore, POD, putCatalog, putSyncVariants } from '../support/scenario';
import { refsNotices, readBackMarks } from './support/refs-plugin';

const Q = (quantity: number): TargetStock => ({ kind: 'quantity', quantity });

describeHub('read-back marks of notices that outran the record of the hub’s own write', (hub) => {
  let storeId = '';
  let service: NoticesService;
  let send: (refs: NoticeRef[]) => ReturnType<NoticesService['receive']>;

  beforeAll(async () => {
    await putCatalog(hub(), [POD(7401), POD(7402), POD(7403), POD(7404)]);
    storeId = await createStore(hub(), { sellingRegion: 'north_america', name: 'echoes' });
    await putSyncVariants(hub(), storeId, [
      { externalProductId: 'P1', externalVariantId: 'ECHO', catalogVariantId: 7401 },
      { externalProductId: 'P1', externalVariantId: 'EDIT', catalogVariantId: 7402 },
      { externalProductId: 'P1', externalVariantId: 'TWO', catalogVariantId: 7403 },
      { externalProductId: 'P1', externalVariantId: 'BARE', catalogVariantId: 7404 },
    ]);
    await hub().sql(`UPDATE sync_variants SET last_written = $2::jsonb WHERE store_id = $1`, [storeId, JSON.stringify(Q(5))]);
    ({ service, deliver: send } = await refsNotices(hub(), storeId));
  });
  afterAll(() => service?.onModuleDestroy());

  // The read-back run each notice queues a moment later is not what these tests hold (the last one is about it):
  // its timer is cleared, so it cannot drop marks under the test.
  const deliver = async (refs: NoticeRef[]) => {
    expect((await send(refs)).status).toBe(202);
    service.onModuleDestroy();
  };
  const marks = () => readBackMarks(hub(), storeId);

  it('keeps what agreeing notices said, forgets it when they disagree or one says nothing, and drops echoes at the run', async () => {
    // The hub is writing 9 everywhere; its echoes arrive before it records the chunk (last_written still 5).
    await deliver([{ externalVariantId: 'ECHO', shown: Q(9) }]);
    await deliver([{ externalVariantId: 'ECHO', shown: Q(9) }]); // WooCommerce may notify one save twice
    await deliver([{ externalVariantId: 'EDIT', shown: Q(9) }]);
    await deliver([{ externalVariantId: 'EDIT', shown: Q(2) }]); // …then the merchant set 2: they disagree
    await deliver([{ externalVariantId: 'TWO', shown: Q(9) }, { externalVariantId: 'TWO' }]); // one of its refs says nothing
    await deliver([{ externalVariantId: 'BARE' }]);
    expect(await marks()).toEqual({ BARE: null, ECHO: Q(9), EDIT: null, TWO: null });

    // The hub records its chunk (9 written), then the notice run starts.
    await hub().sql(`UPDATE sync_variants SET last_written = $2::jsonb WHERE store_id = $1`, [storeId, JSON.stringify(Q(9))]);
    const [run] = await hub().sql<{ id: string }>(
      `INSERT INTO sync_runs (store_id, trigger, dry_run, "full", status, started_at)
       VALUES ($1, 'notice', false, false, 'running', now()) RETURNING id`,
      [storeId],
    );
    await dropEchoedMarks(hub().db.manager, run!.id, storeId);
    expect(await marks()).toEqual({ BARE: null, EDIT: null, TWO: null }); // only the echo is gone
  });

  it('keeps a mark newer than the run, and a mark whose shown the hub has not written', async () => {
    await hub().sql(`UPDATE sync_variants SET readback_requested_at = NULL, readback_shown = NULL WHERE store_id = $1`, [storeId]);
    const [run] = await hub().sql<{ id: string }>(
      `INSERT INTO sync_runs (store_id, trigger, dry_run, "full", status, started_at)
       VALUES ($1, 'notice', false, false, 'running', now() - interval '1 minute') RETURNING id`,
      [storeId],
    );
    await deliver([{ externalVariantId: 'ECHO', shown: Q(4) }]); // shown ≠ last written (9): stays
    await hub().sql(`UPDATE sync_variants SET last_written = $3::jsonb WHERE store_id = $1 AND external_variant_id = $2`, [
      storeId,
      'EDIT',
      JSON.stringify(Q(3)),
    ]);
    await deliver([{ externalVariantId: 'EDIT', shown: Q(9) }]); // came in after the run started: the next run's
    await hub().sql(`UPDATE sync_variants SET last_written = $3::jsonb WHERE store_id = $1 AND external_variant_id = $2`, [
      storeId,
      'EDIT',
      JSON.stringify(Q(9)),
    ]);
    await dropEchoedMarks(hub().db.manager, run!.id, storeId);
    expect(await marks()).toEqual({ ECHO: Q(4), EDIT: Q(9) });
  });
  it('queues no run for marks the hub has explained by the time the read-back is queued, and one for the rest', async () => {
    await hub().sql(
      `UPDATE sync_variants SET readback_requested_at = NULL, readback_shown = NULL, last_written = $2::jsonb WHERE store_id = $1`,
      [storeId, JSON.stringify(Q(5))],
    );
    await hub().sql(`DELETE FROM sync_runs WHERE store_id = $1`, [storeId]);
    const queued = async () =>
      (await hub().sql<{ n: number }>(`SELECT count(*)::int AS n FROM sync_runs WHERE store_id = $1 AND trigger = 'notice'`, [storeId]))[0]!
        .n;
    // An echo that outran the record of the hub's write: marked (the hub still records 5)…
    expect((await send([{ externalVariantId: 'ECHO', shown: Q(9) }])).status).toBe(202);
    // …then the chunk is recorded before the debounce ends (250 ms): the mark is dropped and no run is queued.
    await hub().sql(`UPDATE sync_variants SET last_written = $2::jsonb WHERE store_id = $1`, [storeId, JSON.stringify(Q(9))]);
    await waitFor('the echo dropped', async () => Object.keys(await marks()).length === 0, 5_000, 25);
    await new Promise((r) => setTimeout(r, 100)); // the timer's statement has fully answered
    expect(await queued()).toBe(0);
    // A merchant's edit is still unexplained when its read-back is queued: one run.
    expect((await send([{ externalVariantId: 'EDIT', shown: Q(2) }])).status).toBe(202);
    await waitFor('the run queued', async () => (await queued()) === 1, 5_000, 25);
    expect(await marks()).toEqual({ EDIT: Q(2) });
    service.onModuleDestroy();
  });
});
