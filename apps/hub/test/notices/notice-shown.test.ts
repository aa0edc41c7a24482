/**
 * NoticesService.receive with refs that say what the variant now shows (plugin API 1.6, issues 13 and 10), against
 * a real database, the plugin stubbed (support/refs-plugin.ts): a ref whose `shown` is what the hub last wrote to the variant is the
 * platform echoing the hub's own write — the notice is recorded, nothing is marked and no read-back run is
 * queued; one that differs, one without `shown`, or one for a variant the hub never wrote is marked as before.
 * A quantity of 0 and the sold-out form are the same (as at reconciliation).
 */
import type { NoticeRef, TargetStock } from '@stock-sync/plugin-sdk';
import { NOTICE_MAX_WAIT_MS, type NoticesService } from '../../src/notices/notices.service';
import { describeHub } from '../support/hub-harness';
import { createStore, POD, putCatalog, putSyncVariants } from '../support/scenario';
import { refsNotices } from './support/refs-plugin';

const Q = (quantity: number): TargetStock => ({ kind: 'quantity', quantity });
const OUT: TargetStock = { kind: 'out_of_stock' };

describeHub('notices whose refs say what the variant shows (plugin API 1.6)', (hub) => {
  let storeId = '';
  let service: NoticesService;
  let deliver: (refs: NoticeRef[]) => ReturnType<NoticesService['receive']>;

  beforeAll(async () => {
    await putCatalog(hub(), [POD(7301), POD(7302), POD(7303), POD(7304), POD(7305)]);
    storeId = await createStore(hub(), { sellingRegion: 'north_america', name: 'shown' });
    await putSyncVariants(hub(), storeId, [
      { externalProductId: 'P1', externalVariantId: 'V5', catalogVariantId: 7301 },
      { externalProductId: 'P1', externalVariantId: 'VOUT', catalogVariantId: 7302 },
      { externalProductId: 'P1', externalVariantId: 'VZERO', catalogVariantId: 7303 },
      { externalProductId: 'P2', externalVariantId: 'VNEW', catalogVariantId: 7304 },
      { externalProductId: 'P2', externalVariantId: 'VUNL', catalogVariantId: 7305 },
    ]);
    const written: Record<string, TargetStock | null> = { V5: Q(5), VOUT: OUT, VZERO: Q(0), VNEW: null, VUNL: { kind: 'unlimited' } };
    for (const [variant, stock] of Object.entries(written))
      await hub().sql(`UPDATE sync_variants SET last_written = $3::jsonb WHERE store_id = $1 AND external_variant_id = $2`, [
        storeId,
        variant,
        stock === null ? null : JSON.stringify(stock),
      ]);
    ({ service, deliver } = await refsNotices(hub(), storeId));
  });
  afterAll(() => service?.onModuleDestroy());

  beforeEach(async () => {
    await hub().sql(`UPDATE sync_variants SET readback_requested_at = NULL WHERE store_id = $1`, [storeId]);
    await hub().sql(`DELETE FROM sync_runs WHERE store_id = $1`, [storeId]);
  });

  const markedVariants = async () =>
    (
      await hub().sql<{ v: string }>(
        `SELECT external_variant_id AS v FROM sync_variants WHERE store_id = $1 AND readback_requested_at IS NOT NULL ORDER BY 1`,
        [storeId],
      )
    ).map((r) => r.v);
  /** The notice runs queued once the debounce has surely fired. */
  const noticeRuns = async () => {
    await new Promise((r) => setTimeout(r, NOTICE_MAX_WAIT_MS + 300));
    return (await hub().sql(`SELECT id FROM sync_runs WHERE store_id = $1 AND trigger = 'notice'`, [storeId])).length;
  };
  const lastRecorded = async () =>
    (
      await hub().sql<{ refs: number; marked: number }>(
        `SELECT refs, marked FROM platform_notices WHERE store_id = $1 ORDER BY id DESC LIMIT 1`,
        [storeId],
      )
    )[0];

  it("a notice showing what the hub last wrote (its own write's echo) is recorded, marks nothing and queues no run", async () => {
    expect(
      await deliver([
        { externalProductId: 'P1', externalVariantId: 'V5', shown: Q(5) },
        { externalVariantId: 'VUNL', shown: { kind: 'unlimited' } },
      ]),
    ).toEqual({ status: 202, body: { accepted: true, marked: 0 } });
    expect(await lastRecorded()).toEqual({ refs: 2, marked: 0 });
    expect(await markedVariants()).toEqual([]);
    expect(await noticeRuns()).toBe(0);
  });

  it('a notice showing something else is marked and queues a read-back run', async () => {
    expect(await deliver([{ externalProductId: 'P1', externalVariantId: 'V5', shown: Q(4) }])).toEqual({
      status: 202,
      body: { accepted: true, marked: 1 },
    });
    expect(await lastRecorded()).toEqual({ refs: 1, marked: 1 });
    expect(await markedVariants()).toEqual(['V5']);
    expect(await noticeRuns()).toBe(1);
  });

  it('a quantity of 0 and the sold-out form are the same either way round', async () => {
    expect(
      await deliver([
        { externalVariantId: 'VOUT', shown: Q(0) },
        { externalVariantId: 'VZERO', shown: OUT },
      ]),
    ).toEqual({ status: 202, body: { accepted: true, marked: 0 } });
    expect(await markedVariants()).toEqual([]);
    // …but sold out is not unlimited.
    expect((await deliver([{ externalVariantId: 'VUNL', shown: OUT }])).body).toEqual({ accepted: true, marked: 1 });
    expect(await markedVariants()).toEqual(['VUNL']);
  });

  it('a ref without shown, or for a variant the hub never wrote, is marked as before', async () => {
    expect((await deliver([{ externalVariantId: 'V5' }, { externalVariantId: 'VNEW', shown: Q(0) }])).body).toEqual({
      accepted: true,
      marked: 2,
    });
    expect(await markedVariants()).toEqual(['V5', 'VNEW']);
    expect(await noticeRuns()).toBe(1);
  });

  it('a variant named by several refs is marked when any of them asks (a whole product beside an echo)', async () => {
    expect((await deliver([{ externalProductId: 'P1', externalVariantId: 'V5', shown: Q(5) }, { externalProductId: 'P1' }])).body).toEqual({
      accepted: true,
      marked: 3,
    });
    expect(await markedVariants()).toEqual(['V5', 'VOUT', 'VZERO']);
  });

  it('a malformed shown is refused like any malformed ref: 400, nothing recorded', async () => {
    const before = await hub().sql(`SELECT id FROM platform_notices WHERE store_id = $1`, [storeId]);
    for (const shown of [{ kind: 'quantity', quantity: -1 }, { kind: 'quantity', quantity: 1.5 }, { kind: 'lots' }, 5])
      expect((await deliver([{ externalVariantId: 'V5', shown } as unknown as NoticeRef])).status).toBe(400);
    expect((await deliver([{ externalProductId: 'P1', shown: Q(5) } as unknown as NoticeRef])).status).toBe(400);
    expect(await hub().sql(`SELECT id FROM platform_notices WHERE store_id = $1`, [storeId])).toHaveLength(before.length);
    expect(await markedVariants()).toEqual([]);
  });
});
