import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13: a signed notice is accepted once per store. The same body again is a replay (an attacker's
 * resend, or a platform's duplicate of a notice already acted on): refused, nothing changed. Earlier duplicates
 * (accepted before this rule) are folded into their first row, which the unique key then needs.
 */
export class NoticeReplays1765600000000 implements MigrationInterface {
  name = 'NoticeReplays1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM platform_notices later USING platform_notices first
      WHERE later.store_id = first.store_id AND later.body_sha256 = first.body_sha256 AND later.id > first.id`);
    await q.query(`CREATE UNIQUE INDEX uq_platform_notices_store_body ON platform_notices (store_id, body_sha256)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX uq_platform_notices_store_body`);
  }
}
