import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CatalogVariantEntity } from './catalog-variant.entity';
import { FacilityEntity } from './facility.entity';

/**
 * The latest observation of one catalog variant at one facility (newest observed_at wins).
 * POD rows carry `status`, warehouse rows carry `quantity`.
 */
@Entity({ name: 'facility_stock' })
@Check('chk_facility_stock_quantity', `quantity IS NULL OR quantity >= 0`)
@Index('idx_facility_stock_facility', ['facilityCode'])
export class FacilityStockEntity {
  @PrimaryColumn({ name: 'variant_id', type: 'integer' })
  variantId!: number;

  @PrimaryColumn({ name: 'facility_code', type: 'text' })
  facilityCode!: string;

  @Column({ type: 'text', nullable: true })
  status!: string | null;

  @Column({ type: 'integer', nullable: true })
  quantity!: number | null;

  @Column({ name: 'observed_at', type: 'timestamptz' })
  observedAt!: Date;

  /** stock_change_seq value of the last change of state (not of a re-observation): version-based marking. */
  @Column({ name: 'change_seq', type: 'bigint', default: 0 })
  changeSeq!: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @ManyToOne(() => CatalogVariantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'variant_id', foreignKeyConstraintName: 'fk_facility_stock_variant' })
  variant?: CatalogVariantEntity;

  @ManyToOne(() => FacilityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'facility_code', foreignKeyConstraintName: 'fk_facility_stock_facility' })
  facility?: FacilityEntity;
}
