import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A selling region: the set of facilities whose stock decides a store's availability (rows in selling_region_facilities). */
@Entity({ name: 'selling_regions' })
export class SellingRegionEntity {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
