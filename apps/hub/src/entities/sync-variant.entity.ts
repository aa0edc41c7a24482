import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { TargetStock } from '@stock-sync/domain';
import { CatalogVariantEntity } from './catalog-variant.entity';
import { StoreEntity } from './store.entity';

export type SyncVariantState = 'pending' | 'in_sync' | 'failed';

/**
 * A store variant on the platform, optionally linked to a catalog variant. It is "synced" when linked,
 * not ignored, and its store has stock sync enabled; only synced variants are ever marked pending.
 */
@Entity({ name: 'sync_variants' })
@Check('chk_sync_variants_state', `state IN ('pending', 'in_sync', 'failed')`)
@Unique('uq_sync_variants_store_external', ['storeId', 'externalProductId', 'externalVariantId'])
@Index('idx_sync_variants_pending', ['storeId'], { where: 'pending' })
@Index('idx_sync_variants_catalog_variant', ['catalogVariantId'])
export class SyncVariantEntity {
  /** bigint: comes back as a string from the driver. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ name: 'store_id', type: 'uuid' })
  storeId!: string;

  @Column({ name: 'external_product_id', type: 'text' })
  externalProductId!: string;

  @Column({ name: 'external_variant_id', type: 'text' })
  externalVariantId!: string;

  @Column({ name: 'catalog_variant_id', type: 'integer', nullable: true })
  catalogVariantId!: number | null;

  @Column({ type: 'boolean', default: false })
  ignored!: boolean;

  /** What the hub last computed for this variant (kept as `lastKnown` when information is unknown). */
  @Column({ type: 'jsonb', nullable: true })
  desired!: TargetStock | null;

  @Column({ name: 'last_written', type: 'jsonb', nullable: true })
  lastWritten!: TargetStock | null;

  /** What the plugin kept with the last write (plugin API 1.7 `keep`), sent back with the next one. */
  @Column({ name: 'platform_kept', type: 'jsonb', nullable: true })
  platformKept!: Record<string, string> | null;

  @Column({ name: 'last_written_at', type: 'timestamptz', nullable: true })
  lastWrittenAt!: Date | null;

  @Column({ type: 'boolean', default: false })
  pending!: boolean;

  @Column({ name: 'pending_since', type: 'timestamptz', nullable: true })
  pendingSince!: Date | null;

  /**
   * Bumped by every statement that marks the variant pending, so a worker clears `pending` only when
   * nothing re-marked it while it was writing (compare-and-clear).
   */
  @Column({ name: 'pending_version', type: 'integer', default: 0 })
  pendingVersion!: number;

  @Column({ type: 'text', default: 'pending' })
  state!: SyncVariantState;

  @Column({ name: 'last_error', type: 'jsonb', nullable: true })
  lastError!: Record<string, unknown> | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ name: 'not_found_at', type: 'timestamptz', nullable: true })
  notFoundAt!: Date | null;

  /** Set by a verified platform notice: the next `notice` run reads this variant back (then clears it). */
  @Column({ name: 'readback_requested_at', type: 'timestamptz', nullable: true })
  readbackRequestedAt!: Date | null;

  /** What the notices that marked the read-back say the variant shows, while they agree (plugin API 1.6 `shown`). */
  @Column({ name: 'readback_shown', type: 'jsonb', nullable: true })
  readbackShown!: TargetStock | null;

  /** The stock_change_seq up to which this variant's facility changes were settled (newer ones make it due). */
  @Column({ name: 'seen_seq', type: 'bigint', default: 0 })
  seenSeq!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @ManyToOne(() => StoreEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'store_id', foreignKeyConstraintName: 'fk_sync_variants_store' })
  store?: StoreEntity;

  @ManyToOne(() => CatalogVariantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'catalog_variant_id', foreignKeyConstraintName: 'fk_sync_variants_catalog_variant' })
  catalogVariant?: CatalogVariantEntity;
}
