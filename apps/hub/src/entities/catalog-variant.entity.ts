import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type FulfillmentModel = 'pod' | 'warehouse';

/** A variant of the company's catalog (id assigned by the catalog service). */
@Entity({ name: 'catalog_variants' })
@Check('chk_catalog_variants_fulfillment', `fulfillment IN ('pod', 'warehouse')`)
@Index('idx_catalog_variants_product', ['productId'])
export class CatalogVariantEntity {
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'product_id', type: 'integer' })
  productId!: number;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  sku!: string | null;

  @Column({ type: 'text' })
  fulfillment!: FulfillmentModel;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
