import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FacilityEntity } from './facility.entity';
import { SellingRegionEntity } from './selling-region.entity';

/** Which facilities a selling region considers. */
@Entity({ name: 'selling_region_facilities' })
@Index('idx_selling_region_facilities_facility', ['facilityCode'])
export class SellingRegionFacilityEntity {
  @PrimaryColumn({ name: 'region_code', type: 'text' })
  regionCode!: string;

  @PrimaryColumn({ name: 'facility_code', type: 'text' })
  facilityCode!: string;

  @ManyToOne(() => SellingRegionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'fk_srf_region' })
  region?: SellingRegionEntity;

  @ManyToOne(() => FacilityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'facility_code', foreignKeyConstraintName: 'fk_srf_facility' })
  facility?: FacilityEntity;
}
