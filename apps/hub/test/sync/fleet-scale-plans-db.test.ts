/**
 * Issue 10: the statements a store run and a platform notice cost must not grow with the fleet. With one store of
 * 100 synced variants among 20 000 other synced variants (statistics up to date), no step of the plans of loading a
 * chunk or recording a batch of notices may touch more sync_variants entries than a few stores' worth. Before the
 * fix, the chunk load ANDed the store's entries with a range scan of the whole primary key and the notice record
 * hashed every synced variant of every store (the bench's 300 stores: 33 000 and 30 000 entries per statement).
 * Real databases (both), EXPLAIN ANALYZE inside a transaction that is rolled back.
 */
import type { TargetStock } from '@stock-sync/plugin-sdk';
import type { EntityManager, QueryRunner } from 'typeorm';
import { recordNotices } from '../../src/notices/notice-records';
import { loadChunk } from '../../src/sync/sync-records';
import { describeHub } from '../support/hub-harness';
import { createStore, POD, putCatalog, putSyncVariants } from '../support/scenario';

const FILLER = 20_000;
/** Far below the filler, above what one store's rows (and their dead versions) can be. */
const MOST_ENTRIES_PER_NODE = 2_000;
const Q = (quantity: number): TargetStock => ({ kind: 'quantity', quantity });

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

/** The sync_variants entries each plan node went through (rows it returned and rows it filtered out). */
function variantNodes(node: PlanNode, out: { node: string; entries: number }[] = []): { node: string; entries: number }[] {
  const onVariants =
    node['Relation Name'] === 'sync_variants' ||
    (node['Index Name'] ?? '').startsWith('sync_variants') ||
    (node['Index Name'] ?? '').startsWith('idx_sync_variants') ||
    (node['Index Name'] ?? '').startsWith('uq_sync_variants');
  if (onVariants) {
    const loops = node['Actual Loops'] ?? 1;
    const entries =
      ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0)) * loops;
    out.push({ node: `${node['Node Type']} ${node['Index Name'] ?? node['Relation Name']}`, entries });
  }
  for (const child of node.Plans ?? []) variantNodes(child, out);
  return out;
}

/** The one statement `run` sends, captured, then EXPLAIN ANALYZEd for real and rolled back. */
async function explainOf(runner: QueryRunner, run: (manager: EntityManager) => Promise<unknown>): Promise<PlanNode> {
  let captured: { sql: string; params: unknown[] } | undefined;
  const capture = {
    query: async (sql: string, params: unknown[]) => ((captured = { sql, params }), { records: [] }),
    release: async () => {},
  };
  await run({ queryRunner: capture } as unknown as EntityManager).catch(() => undefined);
  if (!captured) throw new Error('no statement was sent');
  await runner.startTransaction();
  try {
    const result = await runner.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${captured.sql}`, captured.params);
    const json = result[0]['QUERY PLAN'];
    return (typeof json === 'string' ? JSON.parse(json) : json)[0].Plan as PlanNode;
  } finally {
    await runner.rollbackTransaction();
  }
}

describeHub('statements that do not grow with the fleet', (hub) => {
  let store = '';
  /** A later chunk starts after the store's 50th variant. */
  let middleId = '0';
  let runner: QueryRunner;

  beforeAll(async () => {
    await putCatalog(hub(), [POD(8801), POD(8802)]);
    store = await createStore(hub(), { sellingRegion: 'north_america', name: 'the one store' });
    const other = await createStore(hub(), { sellingRegion: 'north_america', name: 'the rest of the fleet' });
    // The rest of the fleet, in one statement each, before and after the store's own (ids on both sides of them).
    const filler = (from: number) =>
      hub().sql(
        `INSERT INTO sync_variants (store_id, external_product_id, external_variant_id, catalog_variant_id)
         SELECT $1, 'F' || (g / 100), 'F' || g, 8801 FROM generate_series($2::int, $3::int) g`,
        [other, from, from + FILLER / 2 - 1],
      );
    await filler(1);
    await putSyncVariants(
      hub(),
      store,
      Array.from({ length: 100 }, (_, i) => ({
        externalProductId: `P${i % 10}`,
        externalVariantId: `V${i}`,
        catalogVariantId: 8801 + (i % 2),
      })),
    );
    await filler(FILLER / 2 + 1);
    middleId = (
      await hub().sql<{ id: string }>(`SELECT id::text AS id FROM sync_variants WHERE store_id = $1 ORDER BY id OFFSET 49 LIMIT 1`, [store])
    )[0]!.id;
    await hub().sql(`UPDATE sync_variants SET last_written = $1::jsonb`, [JSON.stringify(Q(5))]);
    await hub().sql(`ANALYZE sync_variants`);
    await hub().sql(`ANALYZE stores`);
    runner = hub().db.createQueryRunner();
  }, 120_000);

  afterAll(async () => {
    await runner?.release();
  });

  it('loading a chunk touches the store’s entries only (every selection)', async () => {
    for (const afterId of ['0', middleId])
      for (const selection of ['all', 'pending', 'marked'] as const) {
        const plan = await explainOf(runner, (m) =>
          loadChunk(m, { storeId: store, regionFacilities: ['US-NC'], afterId, selection, limit: 100 }),
        );
        const nodes = variantNodes(plan);
        expect(nodes.length).toBeGreaterThan(0);
        for (const n of nodes)
          expect({ afterId, selection, ...n, within: n.entries <= MOST_ENTRIES_PER_NODE }).toMatchObject({ within: true });
      }
  });

  it('recording a batch of notices looks the named variants up (variant refs, product refs)', async () => {
    const plan = await explainOf(runner, (m) =>
      recordNotices(m, [
        ...Array.from({ length: 12 }, (_, i) => ({
          storeId: store,
          platform: 'demo-shop',
          digest: `plan-${i}`,
          refs: [{ externalProductId: `P${i % 10}`, externalVariantId: `V${i}`, shown: Q(5) }],
        })),
        { storeId: store, platform: 'demo-shop', digest: 'plan-variant-only', refs: [{ externalVariantId: 'V50', shown: Q(9) }] },
        { storeId: store, platform: 'demo-shop', digest: 'plan-product', refs: [{ externalProductId: 'P3' }] },
      ]),
    );
    const nodes = variantNodes(plan);
    expect(nodes.length).toBeGreaterThan(0);
    for (const n of nodes) expect({ ...n, within: n.entries <= MOST_ENTRIES_PER_NODE }).toMatchObject({ within: true });
  });
});
