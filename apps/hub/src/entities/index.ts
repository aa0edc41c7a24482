import { CatalogVariantEntity } from './catalog-variant.entity';
import { FacilityEntity } from './facility.entity';
import { FacilityStockEntity } from './facility-stock.entity';
import { IntegrationEntity } from './integration.entity';
import { SellingRegionEntity } from './selling-region.entity';
import { SellingRegionFacilityEntity } from './selling-region-facility.entity';
import { StoreEntity } from './store.entity';
import { SyncChangeEntity } from './sync-change.entity';
import { SyncRunEntity } from './sync-run.entity';
import { SyncVariantEntity } from './sync-variant.entity';

export * from './catalog-variant.entity';
export * from './facility.entity';
export * from './facility-stock.entity';
export * from './integration.entity';
export * from './selling-region.entity';
export * from './selling-region-facility.entity';
export * from './store.entity';
export * from './sync-change.entity';
export * from './sync-run.entity';
export * from './sync-variant.entity';

/** Every entity of the hub (explicit list: no globs, so it works from src/ under jest and from dist/). */
export const HUB_ENTITIES = [
  FacilityEntity,
  SellingRegionEntity,
  SellingRegionFacilityEntity,
  CatalogVariantEntity,
  FacilityStockEntity,
  IntegrationEntity,
  StoreEntity,
  SyncVariantEntity,
  SyncRunEntity,
  SyncChangeEntity,
];
