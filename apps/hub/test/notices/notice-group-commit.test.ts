/**
 * Notices recorded together (group commit, issue 10): a batch is one statement whose answers are what recording
 * its notices one after the other would give — a replay inside the batch is a replay, a removed store is gone,
 * marks of several notices agree or are read back — and notices fired at once through the service share
 * statements. Real database (both), the plugin stubbed (support/refs-plugin.ts).
 */
import type { TargetStock } from '@stock-sync/plugin-sdk';
import { GroupCommit } from '../../src/database/group-commit';
import { recordNotices } from '../../src/notices/notice-records';
import { describeHub } from '../support/hub-harness';
import { createStore, POD, putCatalog, putSyncVariants } from '../support/scenario';
import { REFS_PLATFORM, refsNotices, readBackMarks } from './support/refs-plugin';

const Q = (quantity: number): TargetStock => ({ kind: 'quantity', quantity });

describeHub('notices recorded in batches', (hub) => {
  let storeA = '';
  let storeB = '';
  const marks = (storeId: string) => readBackMarks(hub(), storeId);

  beforeAll(async () => {
    await putCatalog(hub(), [POD(7501), POD(7502), POD(7503)]);
    storeA = await createStore(hub(), { sellingRegion: 'north_america', name: 'batch a' });
    storeB = await createStore(hub(), { sellingRegion: 'north_america', name: 'batch b' });
    for (const storeId of [storeA, storeB]) {
      await putSyncVariants(hub(), storeId, [
        { externalProductId: 'P1', externalVariantId: 'V1', catalogVariantId: 7501 },
        { externalProductId: 'P1', externalVariantId: 'V2', catalogVariantId: 7502 },
        { externalProductId: 'P2', externalVariantId: 'V3', catalogVariantId: 7503 },
      ]);
    }
    await hub().sql(`UPDATE sync_variants SET last_written = $1::jsonb`, [JSON.stringify(Q(5))]);
  });

  it('answers each notice of one statement as if recorded alone', async () => {
    const gone = '00000000-0000-4000-8000-000000000000';
    const answers = await recordNotices(hub().db.manager, [
      { storeId: storeA, platform: REFS_PLATFORM, digest: 'a1', refs: [{ externalVariantId: 'V1', shown: Q(9) }] },
      // the same key again in the batch: a replay, its refs mark nothing
      { storeId: storeA, platform: REFS_PLATFORM, digest: 'a1', refs: [{ externalVariantId: 'V3' }] },
      // an echo of what the hub last wrote: recorded, marks nothing
      { storeId: storeA, platform: REFS_PLATFORM, digest: 'a2', refs: [{ externalVariantId: 'V2', shown: Q(5) }] },
      { storeId: storeA, platform: REFS_PLATFORM, digest: 'a3', refs: [{ externalVariantId: 'V1', shown: Q(9) }] },
      // two notices of one batch that disagree on V2: no shown kept, it is read back
      { storeId: storeB, platform: REFS_PLATFORM, digest: 'b1', refs: [{ externalVariantId: 'V2', shown: Q(7) }] },
      { storeId: storeB, platform: REFS_PLATFORM, digest: 'b2', refs: [{ externalVariantId: 'V2', shown: Q(8) }] },
      // a whole product
      { storeId: storeB, platform: REFS_PLATFORM, digest: 'b3', refs: [{ externalProductId: 'P2' }] },
      { storeId: gone, platform: REFS_PLATFORM, digest: 'g1', refs: [{ externalVariantId: 'V1' }] },
    ]);
    expect(answers).toEqual([
      { store: true, recorded: true, marked: 1 },
      { store: true, recorded: false, marked: 0 },
      { store: true, recorded: true, marked: 0 },
      { store: true, recorded: true, marked: 1 },
      { store: true, recorded: true, marked: 1 },
      { store: true, recorded: true, marked: 1 },
      { store: true, recorded: true, marked: 1 },
      { store: false, recorded: false, marked: 0 },
    ]);
    expect(await marks(storeA)).toEqual({ V1: Q(9) });
    expect(await marks(storeB)).toEqual({ V2: null, V3: null });
    const recorded = await hub().sql<{ store_id: string; body_sha256: string; refs: number; marked: number }>(
      `SELECT store_id::text, body_sha256, refs, marked FROM platform_notices WHERE store_id IN ($1, $2) ORDER BY body_sha256`,
      [storeA, storeB],
    );
    expect(recorded.map((r) => [r.body_sha256, r.marked])).toEqual([
      ['a1', 1],
      ['a2', 0],
      ['a3', 1],
      ['b1', 1],
      ['b2', 1],
      ['b3', 1],
    ]);

    // Recorded before: the same keys in a later batch are replays; nothing changes.
    const again = await recordNotices(hub().db.manager, [
      { storeId: storeA, platform: REFS_PLATFORM, digest: 'a3', refs: [{ externalVariantId: 'V3' }] },
    ]);
    expect(again).toEqual([{ store: true, recorded: false, marked: 0 }]);
    expect(await marks(storeA)).toEqual({ V1: Q(9) });
  });

  it('records notices delivered at once in fewer statements than notices, each with its own answer', async () => {
    await hub().sql(`UPDATE sync_variants SET readback_requested_at = NULL, readback_shown = NULL`);
    const { service, deliver } = await refsNotices(hub(), storeA);
    const { stats } = (service as unknown as { recorder: GroupCommit<unknown, unknown> }).recorder;
    try {
      const outcomes = await Promise.all(
        Array.from({ length: 40 }, (_, i) => deliver([{ externalVariantId: i % 2 ? 'V1' : 'V2', shown: Q(5) }])),
      );
      expect(outcomes.every((o) => o.status === 202)).toBe(true);
      expect(stats.items).toBe(40);
      expect(stats.batches).toBeLessThan(40);
      // Echoes of the hub's own write: recorded, nothing marked.
      expect(await marks(storeA)).toEqual({});
      const answered = await Promise.all([
        deliver([{ externalVariantId: 'V3', shown: Q(1) }]),
        deliver([{ externalVariantId: 'V3', shown: Q(1) }]),
      ]);
      expect(answered.map((o) => o.status)).toEqual([202, 202]);
      expect(await marks(storeA)).toEqual({ V3: Q(1) });
    } finally {
      service.onModuleDestroy();
    }
  });
});

describe('GroupCommit', () => {
  it('writes at once when idle, batches what arrives while busy, and gives each caller its answer or the error', async () => {
    const seen: number[][] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const commit = new GroupCommit<number, number>(async (items) => {
      seen.push(items);
      if (seen.length === 1) await gate;
      if (items.includes(13)) throw new Error('unlucky batch');
      return items.map((n) => n * 2);
    }, 1);
    const first = commit.submit(1);
    const rest = [2, 3, 4].map((n) => commit.submit(n));
    expect(seen).toEqual([[1]]); // the first went at once; the others wait for it
    release();
    expect(await first).toBe(2);
    expect(await Promise.all(rest)).toEqual([4, 6, 8]);
    expect(seen).toEqual([[1], [2, 3, 4]]);
    await expect(commit.submit(13)).rejects.toThrow('unlucky batch');
    expect(await commit.submit(5)).toBe(10);
  });

  it('refuses a writer that answers the wrong number of results', async () => {
    const commit = new GroupCommit<number, number>(async () => [1, 2]);
    await expect(commit.submit(1)).rejects.toThrow('2 answers for 1 items');
  });
});
