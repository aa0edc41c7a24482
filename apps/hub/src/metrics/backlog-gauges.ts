/**
 * The backlog gauges, read from the database on scrape: one statement (marked as the scrape's, statement-origin.ts),
 * on indexed or small sets (the partial index of pending variants; stores joined to their region's stock version;
 * facility stock rows of the regions some store is behind on, newer than that store's version).
 */
import type { EntityManager } from 'typeorm';
import { queryOne } from '../database/sql';
import { SCRAPE_SQL } from '../database/statement-origin';

export interface Backlog {
  pendingVariants: number;
  storesBehind: number;
  oldestPendingSeconds: number;
}

export async function readBacklog(db: EntityManager): Promise<Backlog> {
  const row = await queryOne<{ pending: string; behind: string; oldest: string | null }>(
    db,
    `${SCRAPE_SQL} WITH behind AS (
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
