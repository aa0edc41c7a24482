import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issues 13 and 10: what the notices that marked a variant for a read-back said it shows (plugin API 1.6 `shown`),
 * while they all agree — NULL when one said nothing or they disagree. A notice that outran the hub's record of its
 * own write (a chunk's record comes after all its calls) is marked; when the `notice` run starts, a mark whose
 * shown is what the hub has since recorded as written is dropped without a platform call.
 */
export class ReadbackShown1765700000000 implements MigrationInterface {
  name = 'ReadbackShown1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sync_variants ADD COLUMN readback_shown jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sync_variants DROP COLUMN readback_shown`);
  }
}
