import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10: what the plugin asked the hub to keep with a variant's last successful write (plugin API 1.7 `keep`, e.g.
 * Shopify's inventory item id), sent back with the next write while `last_written` is still that write's target.
 * Written together with last_written: a write that keeps nothing clears it.
 */
export class PlatformKept1765900000000 implements MigrationInterface {
  name = 'PlatformKept1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sync_variants ADD COLUMN platform_kept jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sync_variants DROP COLUMN platform_kept`);
  }
}
