import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { StoreEntity, type SyncTrigger } from './store.entity';

export type SyncRunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'partial';
export interface SyncRunCounts {
  planned: number;
  written: number;
  unchanged: number;
  failed: number;
  drift: number;
}
export const EMPTY_RUN_COUNTS: SyncRunCounts = Object.freeze({ planned: 0, written: 0, unchanged: 0, failed: 0, drift: 0 });

/** One sync of one store (the orchestrator's unit of work and audit record). */
@Entity({ name: 'sync_runs' })
@Check('chk_sync_runs_trigger', `trigger IN ('stock_update', 'schedule', 'settings', 'manual', 'notice')`)
@Check('chk_sync_runs_status', `status IN ('queued', 'running', 'succeeded', 'failed', 'partial')`)
@Index('idx_sync_runs_store_created', ['storeId', 'createdAt'])
export class SyncRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'store_id', type: 'uuid' })
  storeId!: string;

  @Column({ type: 'text' })
  trigger!: SyncTrigger;

  @Column({ name: 'dry_run', type: 'boolean', default: false })
  dryRun!: boolean;

  @Column({ type: 'boolean', default: false })
  full!: boolean;

  @Column({ type: 'text', default: 'queued' })
  status!: SyncRunStatus;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({
    type: 'jsonb',
    // Written in jsonb's own key order (by length, then bytes) so it compares equal to what PostgreSQL stores.
    default: () => `'{"drift": 0, "failed": 0, "planned": 0, "written": 0, "unchanged": 0}'`,
  })
  counts!: SyncRunCounts;

  @Column({ type: 'jsonb', nullable: true })
  error!: Record<string, unknown> | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @ManyToOne(() => StoreEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'store_id', foreignKeyConstraintName: 'fk_sync_runs_store' })
  store?: StoreEntity;
}
