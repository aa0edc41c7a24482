import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10: a store run loads its synced variants a chunk at a time in id order (`store_id = $1 AND id > $after
 * ORDER BY id LIMIT n`, sync-records.ts loadChunk). With no index on (store_id, id) PostgreSQL ANDed the store's
 * entries with a range scan of the whole primary key — every synced variant of every store, on every chunk load
 * (33 000 index entries at 300 stores; ~1 M at 10 000). This index answers the chunk directly, in order.
 */
export class StoreVariantOrder1765800000000 implements MigrationInterface {
  name = 'StoreVariantOrder1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX idx_sync_variants_store_id ON sync_variants (store_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_sync_variants_store_id`);
  }
}
