import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Version-based marking (issue 10): a facility-stock POST no longer rewrites a row per affected store
 * variant. It stamps the facility_stock rows whose state changed with a value of one global sequence
 * (`change_seq`) and raises the `stock_seq` of the selling regions containing those facilities. A synced
 * variant is due when a facility of its store's region holds a change newer than the one it last settled
 * (`sync_variants.seen_seq`); a store is worth looking at when its region's `stock_seq` is newer than the one
 * it last caught up with (`stores.stock_seen_seq`). Existing rows start at 0 = nothing newer.
 */
export class StockChangeVersions1765100000000 implements MigrationInterface {
  name = 'StockChangeVersions1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE stock_change_seq AS bigint START 1`);
    await q.query(`ALTER TABLE facility_stock ADD COLUMN change_seq bigint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE selling_regions ADD COLUMN stock_seq bigint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE stores ADD COLUMN stock_seen_seq bigint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE sync_variants ADD COLUMN seen_seq bigint NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sync_variants DROP COLUMN IF EXISTS seen_seq`);
    await q.query(`ALTER TABLE stores DROP COLUMN IF EXISTS stock_seen_seq`);
    await q.query(`ALTER TABLE selling_regions DROP COLUMN IF EXISTS stock_seq`);
    await q.query(`ALTER TABLE facility_stock DROP COLUMN IF EXISTS change_seq`);
    await q.query(`DROP SEQUENCE IF EXISTS stock_change_seq`);
  }
}
