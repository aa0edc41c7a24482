import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A selling region: the set of facilities whose stock decides a store's availability (rows in selling_region_facilities). */
@Entity({ name: 'selling_regions' })
export class SellingRegionEntity {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  /** The newest stock_change_seq of a change at one of the region's facilities. */
  @Column({ name: 'stock_seq', type: 'bigint', default: 0 })
  stockSeq!: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
