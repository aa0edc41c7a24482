/**
 * The backlog gauges, read from the database on scrape: one statement, on indexed or small sets (the
 * partial index of pending variants; stores joined to their region's stock version; facility stock rows
 * of the regions some store is behind on, newer than that store's version).
 */
import type { EntityManager } from 'typeorm';
import { queryOne, queryRows } from '../database/sql';

export interface Backlog {
  pendingVariants: number;
  storesBehind: number;
  oldestPendingSeconds: number;
}

export async function readBacklog(db: EntityManager): Promise<Backlog> {
  const row = await queryOne<{ pending: string; behind: string; oldest: string | null }>(
    db,
    `WITH behind AS (
       SELECT s.selling_region AS region, min(s.stock_seen_seq) AS seen, count(*) AS stores
       FROM stores s JOIN selling_regions rg ON rg.code = s.selling_region
       WHERE s.status = 'active' AND s.stock_sync_enabled AND rg.stock_seq > s.stock_seen_seq
       GROUP BY s.selling_region
     )
     SELECT (SELECT count(*) FROM sync_variants WHERE pending)::text AS pending,
            (SELECT coalesce(sum(stores), 0) FROM behind)::text AS behind,
            EXTRACT(EPOCH FROM now() - LEAST(
              (SELECT min(pending_since) FROM sync_variants WHERE pending),
              (SELECT min(fs.updated_at) FROM behind b
                 JOIN selling_region_facilities rf ON rf.region_code = b.region
                 JOIN facility_stock fs ON fs.facility_code = rf.facility_code AND fs.change_seq > b.seen)
            ))::text AS oldest`,
  );
  return {
    pendingVariants: Number(row?.pending ?? 0),
    storesBehind: Number(row?.behind ?? 0),
    oldestPendingSeconds: Math.max(0, Number(row?.oldest ?? 0)),
  };
}

/**
 * Facility-update-to-store latencies of finished runs, in seconds, with each one's run: for each change a
 * run wrote, from the newest facility stock update of its catalog variant in the store's selling region (as
 * the hub received it) to the moment the write was recorded. Changes whose facility stock moved again after
 * the write are skipped (that update is measured by a later run). ONE statement for any number of runs.
 */
export async function runLatencies(db: EntityManager, runIds: readonly string[]): Promise<{ runId: string; seconds: number }[]> {
  if (runIds.length === 0) return [];
  const rows = await queryRows<{ run_id: string; seconds: string }>(
    db,
    `SELECT c.run_id::text AS run_id, EXTRACT(EPOCH FROM c.created_at - f.updated_at)::text AS seconds
     FROM sync_changes c
     JOIN sync_variants sv ON sv.id = c.sync_variant_id
     JOIN stores s ON s.id = sv.store_id
     CROSS JOIN LATERAL (
       SELECT max(fs.updated_at) AS updated_at
       FROM selling_region_facilities rf
       JOIN facility_stock fs ON fs.facility_code = rf.facility_code AND fs.variant_id = sv.catalog_variant_id
       WHERE rf.region_code = s.selling_region
     ) f
     WHERE c.run_id = ANY($1::uuid[]) AND c.outcome = 'written' AND f.updated_at IS NOT NULL AND f.updated_at <= c.created_at`,
    [runIds],
  );
  return rows.map((r) => ({ runId: r.run_id, seconds: Number(r.seconds) }));
}
