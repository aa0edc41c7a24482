/**
 * Where a statement comes from: the statements the hub sends on a timer whatever its work carry PERIODIC_SQL at
 * their start, the scrape's backlog gauges SCRAPE_SQL (hub_database_statements_total counts them apart, so the
 * bench's counts and its wait for a drained hub leave them out; pg_stat_statements shows them apart); the worker's
 * question about its own store is work and carries neither. The StatementCounter counts a transaction that begins
 * with a marked statement as that statement's origin whole. Pure: the SQL is captured, nothing runs.
 */
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { StatementCounter } from '../../src/database/statement-counter';
import { PERIODIC_SQL, SCRAPE_SQL, statementOrigin } from '../../src/database/statement-origin';
import { readBacklog } from '../../src/metrics/backlog-gauges';
import { catchUpIdleStores, findDueStores } from '../../src/sync/due-work';
import { closeRunsOfExpiredLeases } from '../../src/sync/expired-lease-runs';
import { dueLanes } from '../../src/webhooks/webhook-lanes';

function capturing(): { manager: EntityManager; sent: string[] } {
  const sent: string[] = [];
  const queryRunner = {
    query: async (sql: string) => (sent.push(sql), { records: [{}] }),
    release: async () => undefined,
  };
  return { manager: { queryRunner } as unknown as EntityManager, sent };
}

describe('statement marks', () => {
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

  it("the scrape's backlog gauges are marked as the scrape's", async () => {
    const { manager, sent } = capturing();
    await readBacklog(manager);
    expect(sent).toHaveLength(1);
    expect(statementOrigin(sent[0]!)).toBe('scrape');
  });
});

describe('StatementCounter by origin', () => {
  const runner = () => ({ isTransactionActive: false }) as unknown as QueryRunner;
  const periodic = `${PERIODIC_SQL} WITH revoked AS (UPDATE stores …)`;

  it('counts each statement by the mark it begins with; unmarked is work', () => {
    const counter = new StatementCounter();
    counter.logQuery('SELECT 1');
    counter.logQuery(periodic, [], runner());
    counter.logQuery(`${SCRAPE_SQL} WITH behind AS (…)`, [], runner());
    counter.logQuery(`SELECT 1 /* ${PERIODIC_SQL} not at the start */`, [], runner());
    expect(counter.byOrigin()).toEqual({ work: 2, periodic: 1, scrape: 1 });
    expect(counter.statements).toBe(4);
  });

  it("a transaction that begins with a marked statement is that origin's whole: its START TRANSACTION and COMMIT too", () => {
    const counter = new StatementCounter();
    const sweep = runner();
    const other = runner();
    counter.logQuery('START TRANSACTION', [], sweep);
    counter.logQuery('START TRANSACTION', [], other); // another connection's transaction, interleaved
    counter.logQuery(periodic, [], sweep);
    counter.logQuery('UPDATE sync_runs …', [], other);
    counter.logQuery('COMMIT', [], sweep);
    counter.logQuery('COMMIT', [], other);
    expect(counter.byOrigin()).toEqual({ work: 3, periodic: 3, scrape: 0 });
    // The transaction over, the same connection's next statements are work again.
    counter.logQuery('START TRANSACTION', [], sweep);
    counter.logQuery('SELECT 1', [], sweep);
    counter.logQuery('ROLLBACK', [], sweep);
    expect(counter.byOrigin()).toEqual({ work: 6, periodic: 3, scrape: 0 });
  });

  it('a marked statement inside a transaction of work moves nothing else', () => {
    const counter = new StatementCounter();
    const r = runner();
    counter.logQuery('START TRANSACTION', [], r);
    counter.logQuery('SELECT 1', [], r);
    counter.logQuery(periodic, [], r);
    counter.logQuery('COMMIT', [], r);
    expect(counter.byOrigin()).toEqual({ work: 3, periodic: 1, scrape: 0 });
  });
});
