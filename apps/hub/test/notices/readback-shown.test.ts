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
import { describeHub } from '../support/hub-harness';
import { createStore, POD, putCatalog, putSyncVariants } from '../support/scenario';
import { refsNotices } from './support/refs-plugin';

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

  const deliver = async (refs: NoticeRef[]) => expect((await send(refs)).status).toBe(202);
  const marks = async () =>
    Object.fromEntries(
      (
        await hub().sql<{ v: string; shown: TargetStock | null }>(
          `SELECT external_variant_id AS v, readback_shown AS shown FROM sync_variants
           WHERE store_id = $1 AND readback_requested_at IS NOT NULL ORDER BY 1`,
          [storeId],
        )
      ).map((r) => [r.v, r.shown]),
    );

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
});
