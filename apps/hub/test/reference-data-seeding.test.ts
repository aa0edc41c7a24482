import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_REFERENCE_DATA_PATH, type ReferenceData } from '@stock-sync/domain';
import { ReferenceDataService } from '../src/reference-data/reference-data.service';
import { describeHub } from './support/hub-harness';
import { clearPending, createStore, pendingByVariant, POD, putCatalog, putSyncVariants } from './support/scenario';

const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hub-refdata-')), 'reference-data.json');
const original = JSON.parse(fs.readFileSync(DEFAULT_REFERENCE_DATA_PATH, 'utf8')) as ReferenceData;
fs.writeFileSync(file, JSON.stringify(original));
// The file is shared by the per-database suites: each edits it, so put the original back after each.
afterEach(() => fs.writeFileSync(file, JSON.stringify(original)));

describeHub(
  'reference data seeding (HUB_REFERENCE_DATA)',
  (hub) => {
    it('seeds facilities and regions from the configured file', async () => {
      const res = await hub().get('/v1/selling-regions').expect(200);
      expect(res.body).toHaveLength(original.sellingRegions.length);
    });

    it('the file is the source of truth: upserts, removes what nothing references, keeps and reports the rest, re-evaluates changed regions', async () => {
      await putCatalog(hub(), [POD(41)]);
      const canadaStore = await createStore(hub(), { sellingRegion: 'canada' });
      const japanStore = await createStore(hub(), { sellingRegion: 'japan' });
      await putSyncVariants(hub(), canadaStore, [{ externalProductId: 'p', externalVariantId: 'ca', catalogVariantId: 41 }]);
      await putSyncVariants(hub(), japanStore, [{ externalProductId: 'p', externalVariantId: 'jp', catalogVariantId: 41 }]);
      await hub()
        .post('/v1/facility-stock', {
          updates: [{ variantId: 41, facility: 'BR', status: 'in_stock', observedAt: '2026-01-01T00:00:00Z' }],
        })
        .expect(202);
      await clearPending(hub());

      // Regions no longer in the file (the domain requires the 17 codes, so these are rows of an older
      // file): one used by a store, one not.
      await hub().sql(`INSERT INTO selling_regions (code, name) VALUES ('legacy_used', 'Legacy used'), ('legacy_unused', 'Legacy unused')`);
      await hub().sql(
        `INSERT INTO selling_region_facilities (region_code, facility_code) VALUES ('legacy_used', 'JP'), ('legacy_unused', 'BR')`,
      );
      const legacyStore = await createStore(hub(), { sellingRegion: 'japan' });
      await hub().sql(`UPDATE stores SET selling_region = 'legacy_used' WHERE id = $1`, [legacyStore]);

      const edited: ReferenceData = JSON.parse(JSON.stringify(original));
      // canada now also counts US-NC; the JP and BR facilities leave the file (japan → AU, brazil → US-NC);
      // JP stays referenced by legacy_used, BR by stock rows. AU is renamed.
      edited.sellingRegions = edited.sellingRegions.map((r) => {
        const facilities = r.facilities.filter((f) => f !== 'JP' && f !== 'BR');
        if (r.code === 'canada') facilities.push('US-NC');
        if (r.code === 'japan') facilities.push('AU');
        if (r.code === 'brazil') facilities.push('US-NC');
        if (facilities.length === 0) facilities.push('AU'); // e.g. a region that listed only JP
        return { ...r, facilities: [...new Set(facilities)] };
      });
      edited.facilities = edited.facilities
        .filter((f) => f.code !== 'JP' && f.code !== 'BR')
        .map((f) => (f.code === 'AU' ? { ...f, name: 'Sydney' } : f));
      fs.writeFileSync(file, JSON.stringify(edited));

      const report = await hub().app.get(ReferenceDataService).reseed();
      expect(report.keptRegions).toEqual(['legacy_used']);
      expect(report.removedRegions).toEqual(['legacy_unused']);
      expect(report.keptFacilities.sort()).toEqual(['BR', 'JP']);
      expect(report.changedRegions).toEqual(expect.arrayContaining(['canada', 'japan', 'brazil']));

      expect(await pendingByVariant(hub(), canadaStore)).toEqual({ ca: true });
      expect(await pendingByVariant(hub(), japanStore)).toEqual({ jp: true });
      const [store] = await hub().sql<{ pending_trigger: string }>(`SELECT pending_trigger FROM stores WHERE id = $1`, [canadaStore]);
      expect(store!.pending_trigger).toBe('settings');

      const regions = (await hub().get('/v1/selling-regions').expect(200)).body as Array<{ code: string; facilities: string[] }>;
      expect(regions.find((r) => r.code === 'canada')!.facilities.sort()).toEqual(['CA', 'US-NC']);
      expect(regions.find((r) => r.code === 'japan')!.facilities).toEqual(['AU']);
      expect(regions.find((r) => r.code === 'legacy_unused')).toBeUndefined();
      expect(regions.find((r) => r.code === 'legacy_used')).toBeDefined();
      const facilities = (await hub().get('/v1/facilities').expect(200)).body as Array<{ code: string; name: string }>;
      expect(facilities.find((f) => f.code === 'AU')!.name).toBe('Sydney');
      await clearPending(hub());

      // Once nothing references them any more, the next seed removes them.
      await hub().sql(`DELETE FROM stores WHERE id = $1`, [legacyStore]);
      await hub().sql(`DELETE FROM facility_stock WHERE facility_code = 'BR'`);
      const again = await hub().app.get(ReferenceDataService).reseed();
      expect(again.removedRegions).toEqual(['legacy_used']);
      expect(again.removedFacilities.sort()).toEqual(['BR', 'JP']);
      expect(again.keptRegions).toEqual([]);
      expect(again.changedRegions).toEqual([]);
      expect(again.variantsMarkedPending).toBe(0);
    });
  },
  { env: { HUB_REFERENCE_DATA: file } },
);
