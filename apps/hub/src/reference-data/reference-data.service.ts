/**
 * Loads the reference-data file at start-up, seeds it into the database and answers what the other
 * modules ask about facilities and regions (always from the database: it holds what stores reference).
 */
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { loadReferenceData, type SellingRegion } from '@stock-sync/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { HUB_CONFIG } from '../config/config.tokens';
import type { HubConfig } from '../config/hub-config';
import { queryRows } from '../database/sql';
import { retryingTransaction } from '../database/transaction-retry';
import { PendingWorkSignal } from '../pending-work/pending-work.signal';
import { seedReferenceData, type SeedReport } from './reference-data-seeder';

export interface FacilityView {
  code: string;
  name: string;
  country: string;
  partner: boolean;
}

@Injectable()
export class ReferenceDataService implements OnModuleInit {
  private readonly log = new Logger('ReferenceData');
  lastSeed?: SeedReport;

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly signal: PendingWorkSignal,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.reseed();
  }

  /** Reads the file again and applies it (start-up; callable by an operator command later). */
  async reseed(): Promise<SeedReport> {
    const data = loadReferenceData(this.config.referenceDataPath);
    const report = await retryingTransaction(this.db, (m) => seedReferenceData(m, data));
    this.lastSeed = report;
    this.signal.notify({ source: 'reference_data', trigger: 'settings', marked: report.variantsMarkedPending });
    this.log.log(
      `reference data from ${this.config.referenceDataPath}: ${report.facilities} facilities, ${report.regions} selling regions` +
        (report.changedRegions.length
          ? `; changed regions: ${report.changedRegions.join(', ')} (${report.variantsMarkedPending} variants marked pending)`
          : ''),
    );
    if (report.removedRegions.length || report.removedFacilities.length) {
      this.log.log(
        `removed (no longer in the file): regions [${report.removedRegions.join(', ')}], facilities [${report.removedFacilities.join(', ')}]`,
      );
    }
    if (report.keptRegions.length) {
      this.log.warn(`selling regions no longer in the file are kept because stores use them: ${report.keptRegions.join(', ')}`);
    }
    if (report.keptFacilities.length) {
      this.log.warn(
        `facilities no longer in the file are kept because regions or stock rows reference them: ${report.keptFacilities.join(', ')}`,
      );
    }
    return report;
  }

  async facilities(manager: EntityManager = this.db.manager): Promise<FacilityView[]> {
    return queryRows<FacilityView>(manager, `SELECT code, name, country, partner FROM facilities ORDER BY code`);
  }

  async sellingRegions(manager: EntityManager = this.db.manager): Promise<SellingRegion[]> {
    const rows = await queryRows<{ code: string; name: string; facilities: string[] | null }>(
      manager,
      `SELECT r.code, r.name, array_remove(array_agg(f.facility_code ORDER BY f.facility_code), NULL) AS facilities
       FROM selling_regions r LEFT JOIN selling_region_facilities f ON f.region_code = r.code
       GROUP BY r.code, r.name ORDER BY r.code`,
    );
    return rows.map((r) => ({ code: r.code as SellingRegion['code'], name: r.name, facilities: r.facilities ?? [] }));
  }
}
