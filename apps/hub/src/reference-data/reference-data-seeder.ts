/**
 * Seeds facilities and selling regions from the reference-data file, set-based, in one transaction.
 * The file is the operators' source of truth: rows are upserted; a region or facility no longer in the
 * file is removed only when nothing references it (else kept and reported). A region whose facility set
 * changed re-evaluates its stores: their synced variants are marked pending (trigger 'settings').
 */
import type { ReferenceData } from '@stock-sync/domain';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../database/sql';
import { markStoresPending } from '../sync-variants/pending-marking';

export interface SeedReport {
  facilities: number;
  regions: number;
  removedFacilities: string[];
  keptFacilities: string[];
  removedRegions: string[];
  keptRegions: string[];
  changedRegions: string[];
  variantsMarkedPending: number;
}

export async function seedReferenceData(manager: EntityManager, data: ReferenceData): Promise<SeedReport> {
  const f = data.facilities;
  await queryRows(
    manager,
    `INSERT INTO facilities (code, name, country, partner)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[])
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, country = excluded.country, partner = excluded.partner, updated_at = now()
     WHERE (facilities.name, facilities.country, facilities.partner) IS DISTINCT FROM (excluded.name, excluded.country, excluded.partner)`,
    [f.map((x) => x.code), f.map((x) => x.name), f.map((x) => x.country), f.map((x) => x.partner)],
  );

  const r = data.sellingRegions;
  await queryRows(
    manager,
    `INSERT INTO selling_regions (code, name)
     SELECT * FROM unnest($1::text[], $2::text[])
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, updated_at = now()
     WHERE selling_regions.name IS DISTINCT FROM excluded.name`,
    [r.map((x) => x.code), r.map((x) => x.name)],
  );

  const pairRegions = r.flatMap((x) => x.facilities.map(() => x.code));
  const pairFacilities = r.flatMap((x) => x.facilities);
  // One statement: drop pairs the file no longer lists (for regions it lists), add new ones, and
  // report which regions changed.
  const changed = await queryRows<{ region_code: string }>(
    manager,
    `WITH wanted AS (
       SELECT * FROM unnest($1::text[], $2::text[]) AS w(region_code, facility_code)
     ), removed AS (
       DELETE FROM selling_region_facilities s
       WHERE s.region_code = ANY($3::text[])
         AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.region_code = s.region_code AND w.facility_code = s.facility_code)
       RETURNING s.region_code
     ), added AS (
       INSERT INTO selling_region_facilities (region_code, facility_code)
       SELECT region_code, facility_code FROM wanted
       ON CONFLICT DO NOTHING
       RETURNING region_code
     )
     SELECT DISTINCT region_code FROM (SELECT region_code FROM removed UNION ALL SELECT region_code FROM added) c`,
    [pairRegions, pairFacilities, r.map((x) => x.code)],
  );
  const changedRegions = changed.map((c) => c.region_code).sort();

  const regionsGone = await queryRows<{ code: string; removed: boolean }>(
    manager,
    `WITH gone AS (
       SELECT code, EXISTS (SELECT 1 FROM stores s WHERE s.selling_region = sr.code) AS referenced
       FROM selling_regions sr WHERE NOT (sr.code = ANY($1::text[]))
     ), deleted AS (
       DELETE FROM selling_regions sr USING gone g WHERE sr.code = g.code AND NOT g.referenced RETURNING sr.code
     )
     SELECT g.code, (d.code IS NOT NULL) AS removed FROM gone g LEFT JOIN deleted d ON d.code = g.code`,
    [r.map((x) => x.code)],
  );

  // Runs after the region step so pairs of deleted regions no longer hold a facility in place.
  const facilitiesGone = await queryRows<{ code: string; removed: boolean }>(
    manager,
    `WITH gone AS (
       SELECT code,
              EXISTS (SELECT 1 FROM selling_region_facilities s WHERE s.facility_code = f.code)
              OR EXISTS (SELECT 1 FROM facility_stock fs WHERE fs.facility_code = f.code) AS referenced
       FROM facilities f WHERE NOT (f.code = ANY($1::text[]))
     ), deleted AS (
       DELETE FROM facilities f USING gone g WHERE f.code = g.code AND NOT g.referenced RETURNING f.code
     )
     SELECT g.code, (d.code IS NOT NULL) AS removed FROM gone g LEFT JOIN deleted d ON d.code = g.code`,
    [f.map((x) => x.code)],
  );

  const variantsMarkedPending = changedRegions.length
    ? await markStoresPending(manager, { regionCodes: changedRegions, trigger: 'settings' })
    : 0;

  return {
    facilities: f.length,
    regions: r.length,
    removedFacilities: facilitiesGone.filter((x) => x.removed).map((x) => x.code),
    keptFacilities: facilitiesGone.filter((x) => !x.removed).map((x) => x.code),
    removedRegions: regionsGone.filter((x) => x.removed).map((x) => x.code),
    keptRegions: regionsGone.filter((x) => !x.removed).map((x) => x.code),
    changedRegions,
    variantsMarkedPending,
  };
}
