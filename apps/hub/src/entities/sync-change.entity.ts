import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { TargetStock } from '@stock-sync/domain';
import { SyncRunEntity } from './sync-run.entity';
import { SyncVariantEntity } from './sync-variant.entity';

export type SyncChangeOutcome = 'written' | 'would_write' | 'failed' | 'drift';

/** One change of one run: the audit trail of what was (or would be) written. */
@Entity({ name: 'sync_changes' })
@Check('chk_sync_changes_outcome', `outcome IN ('written', 'would_write', 'failed', 'drift')`)
@Index('idx_sync_changes_run', ['runId'])
export class SyncChangeEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ name: 'run_id', type: 'uuid' })
  runId!: string;

  @Column({ name: 'sync_variant_id', type: 'bigint', nullable: true })
  syncVariantId!: string | null;

  @Column({ name: 'external_product_id', type: 'text' })
  externalProductId!: string;

  @Column({ name: 'external_variant_id', type: 'text' })
  externalVariantId!: string;

  @Column({ name: 'from', type: 'jsonb', nullable: true })
  from!: TargetStock | null;

  @Column({ name: 'to', type: 'jsonb', nullable: true })
  to!: TargetStock | null;

  @Column({ type: 'text' })
  outcome!: SyncChangeOutcome;

  @Column({ type: 'jsonb', nullable: true })
  error!: Record<string, unknown> | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @ManyToOne(() => SyncRunEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id', foreignKeyConstraintName: 'fk_sync_changes_run' })
  run?: SyncRunEntity;

  @ManyToOne(() => SyncVariantEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'sync_variant_id', foreignKeyConstraintName: 'fk_sync_changes_sync_variant' })
  syncVariant?: SyncVariantEntity;
}
