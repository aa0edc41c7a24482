/**
 * The statements the hub sends on a timer whatever its work carry PERIODIC_SQL at their start (the bench leaves
 * them out of its counts and its wait for a drained hub by it; pg_stat_statements shows them apart); the
 * worker's question about its own store is work and does not. Pure: the SQL is captured, nothing runs.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { PERIODIC_SQL } from '../../src/database/periodic-sql';
import { catchUpIdleStores, findDueStores } from '../../src/sync/due-work';
import { closeRunsOfExpiredLeases } from '../../src/sync/expired-lease-runs';
import { dueLanes } from '../../src/webhooks/webhook-lanes';

function capturing(): { manager: EntityManager; sent: string[] } {
  const sent: string[] = [];
  const queryRunner = {
    query: async (sql: string) => (sent.push(sql), { records: [] }),
    release: async () => undefined,
  };
  return { manager: { queryRunner } as unknown as EntityManager, sent };
}

describe('periodic statements', () => {
  it('the scheduler tick and the webhook lanes poll are marked at the start of their SQL', async () => {
    const { manager, sent } = capturing();
    await closeRunsOfExpiredLeases(manager);
    await catchUpIdleStores(manager);
    await findDueStores(manager, { defaultReconcileSeconds: 3600 });
    await dueLanes({ manager } as unknown as DataSource, 10);
    expect(sent).toHaveLength(4);
    for (const sql of sent) expect(sql.trimStart().startsWith(PERIODIC_SQL)).toBe(true);
  });

  it("the worker's due-work question about its own store is work, not marked", async () => {
    const { manager, sent } = capturing();
    await findDueStores(manager, { defaultReconcileSeconds: 3600, storeId: '00000000-0000-4000-8000-000000000000' });
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toContain(PERIODIC_SQL);
  });
});
