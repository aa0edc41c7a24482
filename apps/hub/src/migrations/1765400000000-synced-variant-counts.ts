import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many synced variants each (catalog variant, selling region) pair has, kept up to date by triggers
 * (issue 10): a facility-stock POST reports `affectedSyncVariants` by summing a few of these rows (one per
 * changed catalog variant and region) instead of counting up to 1 M sync_variants rows inside the request —
 * the count was 85 % of the POST's time at 10 000 stores × 100 synced variants.
 *
 * A sync_variants row counts for (its catalog variant, its store's selling region) while it is synced
 * (rule 5: linked, not ignored, store stock sync enabled). The triggers follow every way that can change:
 *  - sync_variants inserted / deleted: statement-level, over the transition table, one grouped upsert in
 *    key order (concurrent writers lock the counter rows in the same order, so they queue, never deadlock);
 *  - a sync_variants row re-linked, (un)ignored or moved: row-level, fired only when one of those changed
 *    (a run's recording UPDATE never sets those columns, so it pays nothing);
 *  - a store's stock sync switched or its region changed: its synced variants move between counters;
 *  - a store deleted: BEFORE the delete, its variants leave the counters (the cascaded sync_variants delete
 *    then finds no store row and subtracts nothing more).
 * Counters may reach 0 and stay: a row per pair ever synced, bounded by catalog × regions.
 */
export class SyncedVariantCounts1765400000000 implements MigrationInterface {
  name = 'SyncedVariantCounts1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE synced_variant_counts (
        catalog_variant_id integer NOT NULL,
        region_code        text NOT NULL,
        synced             integer NOT NULL,
        CONSTRAINT pk_synced_variant_counts PRIMARY KEY (catalog_variant_id, region_code)
      )`);

    // Inserted or deleted sync_variants rows (TG_ARGV[0] = +1 or -1), counted per pair.
    await q.query(`
      CREATE FUNCTION synced_counts_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO synced_variant_counts AS c (catalog_variant_id, region_code, synced)
        SELECT r.catalog_variant_id, s.selling_region, TG_ARGV[0]::int * count(*)
        FROM changed_rows r JOIN stores s ON s.id = r.store_id
        WHERE r.catalog_variant_id IS NOT NULL AND NOT r.ignored AND s.stock_sync_enabled
        GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (catalog_variant_id, region_code) DO UPDATE SET synced = c.synced + excluded.synced;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER sync_variants_counted_insert AFTER INSERT ON sync_variants
      REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION synced_counts_rows('1')`);
    await q.query(`
      CREATE TRIGGER sync_variants_counted_delete AFTER DELETE ON sync_variants
      REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION synced_counts_rows('-1')`);

    // One row re-linked, (un)ignored or moved to another store: out of its old pair, into its new one.
    await q.query(`
      CREATE FUNCTION synced_counts_row_moved() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO synced_variant_counts AS c (catalog_variant_id, region_code, synced)
        SELECT x.cv, s.selling_region, sum(x.delta)
        FROM (VALUES (OLD.catalog_variant_id, OLD.ignored, OLD.store_id, -1), (NEW.catalog_variant_id, NEW.ignored, NEW.store_id, 1))
             AS x(cv, ignored, store_id, delta)
        JOIN stores s ON s.id = x.store_id
        WHERE x.cv IS NOT NULL AND NOT x.ignored AND s.stock_sync_enabled
        GROUP BY 1, 2 HAVING sum(x.delta) <> 0 ORDER BY 1, 2
        ON CONFLICT (catalog_variant_id, region_code) DO UPDATE SET synced = c.synced + excluded.synced;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER sync_variants_counted_update AFTER UPDATE OF catalog_variant_id, ignored, store_id ON sync_variants
      FOR EACH ROW WHEN (OLD.catalog_variant_id IS DISTINCT FROM NEW.catalog_variant_id OR OLD.ignored IS DISTINCT FROM NEW.ignored
                         OR OLD.store_id IS DISTINCT FROM NEW.store_id)
      EXECUTE FUNCTION synced_counts_row_moved()`);

    // A store's stock sync switched, its region changed, or the store deleted: its synced variants move.
    await q.query(`
      CREATE FUNCTION synced_counts_store() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.stock_sync_enabled THEN
          INSERT INTO synced_variant_counts AS c (catalog_variant_id, region_code, synced)
          SELECT sv.catalog_variant_id, OLD.selling_region, -count(*) FROM sync_variants sv
          WHERE sv.store_id = OLD.id AND sv.catalog_variant_id IS NOT NULL AND NOT sv.ignored
          GROUP BY 1 ORDER BY 1
          ON CONFLICT (catalog_variant_id, region_code) DO UPDATE SET synced = c.synced + excluded.synced;
        END IF;
        IF TG_OP = 'DELETE' THEN
          RETURN OLD;
        END IF;
        IF NEW.stock_sync_enabled THEN
          INSERT INTO synced_variant_counts AS c (catalog_variant_id, region_code, synced)
          SELECT sv.catalog_variant_id, NEW.selling_region, count(*) FROM sync_variants sv
          WHERE sv.store_id = NEW.id AND sv.catalog_variant_id IS NOT NULL AND NOT sv.ignored
          GROUP BY 1 ORDER BY 1
          ON CONFLICT (catalog_variant_id, region_code) DO UPDATE SET synced = c.synced + excluded.synced;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER stores_counted_update AFTER UPDATE OF stock_sync_enabled, selling_region ON stores
      FOR EACH ROW WHEN (OLD.stock_sync_enabled IS DISTINCT FROM NEW.stock_sync_enabled OR OLD.selling_region IS DISTINCT FROM NEW.selling_region)
      EXECUTE FUNCTION synced_counts_store()`);
    await q.query(`CREATE TRIGGER stores_counted_delete BEFORE DELETE ON stores FOR EACH ROW EXECUTE FUNCTION synced_counts_store()`);

    // The rows that exist already.
    await q.query(`
      INSERT INTO synced_variant_counts (catalog_variant_id, region_code, synced)
      SELECT sv.catalog_variant_id, s.selling_region, count(*)
      FROM sync_variants sv JOIN stores s ON s.id = sv.store_id
      WHERE sv.catalog_variant_id IS NOT NULL AND NOT sv.ignored AND s.stock_sync_enabled
      GROUP BY 1, 2`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS stores_counted_delete ON stores`);
    await q.query(`DROP TRIGGER IF EXISTS stores_counted_update ON stores`);
    await q.query(`DROP TRIGGER IF EXISTS sync_variants_counted_update ON sync_variants`);
    await q.query(`DROP TRIGGER IF EXISTS sync_variants_counted_delete ON sync_variants`);
    await q.query(`DROP TRIGGER IF EXISTS sync_variants_counted_insert ON sync_variants`);
    await q.query(`DROP FUNCTION IF EXISTS synced_counts_store()`);
    await q.query(`DROP FUNCTION IF EXISTS synced_counts_row_moved()`);
    await q.query(`DROP FUNCTION IF EXISTS synced_counts_rows()`);
    await q.query(`DROP TABLE IF EXISTS synced_variant_counts`);
  }
}
