import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A fulfillment facility, seeded from the reference-data file (the operators' source of truth). */
@Entity({ name: 'facilities' })
export class FacilityEntity {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  /** ISO-3166 alpha-2. */
  @Column({ type: 'text' })
  country!: string;

  @Column({ type: 'boolean', default: false })
  partner!: boolean;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
