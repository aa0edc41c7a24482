import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10: the retention sweep (history/prune-history.ts) finds old runs and webhook events by their creation
 * time — a batch takes the oldest in index order instead of scanning the table. Notices need no index: their ids
 * grow with time. (A BRIN index would cost less per insert, but its ranges only widen: once deleted rows' space
 * is reused, every range would match an old cutoff and the sweep would read the whole table again.)
 */
export class HistoryRetention1766000000000 implements MigrationInterface {
  name = 'HistoryRetention1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX idx_sync_runs_created ON sync_runs (created_at)`);
    await q.query(`CREATE INDEX idx_webhook_events_created ON webhook_events (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_webhook_events_created`);
    await q.query(`DROP INDEX idx_sync_runs_created`);
  }
}
