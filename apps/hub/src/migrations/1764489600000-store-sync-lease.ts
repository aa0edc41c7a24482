import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The orchestrator's store lease (one worker per store across hub processes) and the indexes its
 * scheduler query relies on: queued runs per store, and due pending work per store.
 */
export class StoreSyncLease1764489600000 implements MigrationInterface {
  name = 'StoreSyncLease1764489600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE stores ADD COLUMN sync_lease_owner text`);
    await q.query(`ALTER TABLE stores ADD COLUMN sync_lease_until timestamptz`);
    await q.query(`CREATE INDEX idx_sync_runs_store_queued ON sync_runs (store_id, created_at) WHERE status = 'queued'`);
    await q.query(`CREATE INDEX idx_sync_variants_pending_due ON sync_variants (store_id, next_attempt_at) WHERE pending`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS idx_sync_variants_pending_due`);
    await q.query(`DROP INDEX IF EXISTS idx_sync_runs_store_queued`);
    await q.query(`ALTER TABLE stores DROP COLUMN IF EXISTS sync_lease_until`);
    await q.query(`ALTER TABLE stores DROP COLUMN IF EXISTS sync_lease_owner`);
  }
}
