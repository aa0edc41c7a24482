import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inbound platform notices (issue 13): drift corrected in seconds.
 *  - stores.notice_secret: the store's notice secret (random, encrypted like the credentials, bound to the
 *    store), given to the platform when the hub subscribes; NULL until the store is subscribed.
 *  - sync_variants.readback_requested_at: set by a verified notice; a `notice` run reads back exactly the
 *    variants so marked (partial index: only marked rows are indexed) and clears the mark it handled.
 *  - platform_notices: one row per verified notice (audit; the body itself is not kept, only its digest).
 *  - sync_runs.trigger gains 'notice'.
 */
export class PlatformNotices1765500000000 implements MigrationInterface {
  name = 'PlatformNotices1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE stores ADD COLUMN notice_secret bytea`);
    await q.query(`ALTER TABLE sync_variants ADD COLUMN readback_requested_at timestamptz`);
    await q.query(`CREATE INDEX idx_sync_variants_readback ON sync_variants (store_id) WHERE readback_requested_at IS NOT NULL`);
    // A notice names variants by the platform's variant id (sometimes without the product): one index lookup each.
    await q.query(`CREATE INDEX idx_sync_variants_store_variant ON sync_variants (store_id, external_variant_id)`);
    await q.query(`
      CREATE TABLE platform_notices (
        id          bigserial PRIMARY KEY,
        store_id    uuid NOT NULL,
        platform    text NOT NULL,
        body_sha256 text NOT NULL,
        refs        integer NOT NULL,
        marked      integer NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_platform_notices_store FOREIGN KEY (store_id) REFERENCES stores (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX idx_platform_notices_store_received ON platform_notices (store_id, received_at)`);
    await q.query(`ALTER TABLE sync_runs DROP CONSTRAINT chk_sync_runs_trigger`);
    await q.query(
      `ALTER TABLE sync_runs ADD CONSTRAINT chk_sync_runs_trigger CHECK (trigger IN ('stock_update', 'schedule', 'settings', 'manual', 'notice'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM sync_runs WHERE trigger = 'notice'`);
    await q.query(`ALTER TABLE sync_runs DROP CONSTRAINT chk_sync_runs_trigger`);
    await q.query(
      `ALTER TABLE sync_runs ADD CONSTRAINT chk_sync_runs_trigger CHECK (trigger IN ('stock_update', 'schedule', 'settings', 'manual'))`,
    );
    await q.query(`DROP TABLE platform_notices`);
    await q.query(`DROP INDEX idx_sync_variants_store_variant`);
    await q.query(`DROP INDEX idx_sync_variants_readback`);
    await q.query(`ALTER TABLE sync_variants DROP COLUMN readback_requested_at`);
    await q.query(`ALTER TABLE stores DROP COLUMN notice_secret`);
  }
}
