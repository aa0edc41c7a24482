import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { IntegrationEntity } from './integration.entity';
import { SellingRegionEntity } from './selling-region.entity';

export type DriftPolicy = 'reassert' | 'report';
export type StoreStatus = 'active' | 'paused' | 'needs_reconnect';
/** What started a run; 'notice' (a platform notice's read-back) is a run trigger only, never a store's pending_trigger. */
export type SyncTrigger = 'stock_update' | 'schedule' | 'settings' | 'manual' | 'notice';

/** A merchant's store on one platform. Credentials are AES-256-GCM ciphertext and never leave the hub. */
@Entity({ name: 'stores' })
@Check('chk_stores_drift_policy', `drift_policy IN ('reassert', 'report')`)
@Check('chk_stores_status', `status IN ('active', 'paused', 'needs_reconnect')`)
@Check('chk_stores_pending_trigger', `pending_trigger IN ('stock_update', 'schedule', 'settings', 'manual')`)
@Check('chk_stores_reconcile_interval', `reconcile_interval_seconds IS NULL OR reconcile_interval_seconds > 0`)
export class StoreEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  platform!: string;

  @Column({ name: 'selling_region', type: 'text' })
  sellingRegion!: string;

  @Column({ name: 'stock_sync_enabled', type: 'boolean', default: true })
  stockSyncEnabled!: boolean;

  @Column({ name: 'drift_policy', type: 'text', default: 'reassert' })
  driftPolicy!: DriftPolicy;

  @Column({ type: 'text', default: 'active' })
  status!: StoreStatus;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason!: string | null;

  /** iv (12 bytes) + GCM tag (16 bytes) + ciphertext of the credentials JSON. See CredentialCipher. */
  @Column({ type: 'bytea', select: false })
  credentials!: Buffer;

  /** The store's platform-notice secret, encrypted like the credentials (notices/notice-secret.ts); NULL until subscribed. */
  @Column({ name: 'notice_secret', type: 'bytea', nullable: true, select: false })
  noticeSecret!: Buffer | null;

  /** The names of the credential fields that are set (never their values), shown as `credentialsSet`. */
  @Column({ name: 'credential_names', type: 'jsonb', default: () => "'[]'" })
  credentialNames!: string[];

  /**
   * Why the store's pending work was marked, when it was not a facility update: 'settings' after a
   * region / stock-sync change. The orchestrator labels the next run with it and clears it.
   */
  @Column({ name: 'pending_trigger', type: 'text', nullable: true })
  pendingTrigger!: SyncTrigger | null;

  @Column({ name: 'reconcile_interval_seconds', type: 'integer', nullable: true })
  reconcileIntervalSeconds!: number | null;

  @Column({ name: 'next_reconcile_at', type: 'timestamptz', nullable: true })
  nextReconcileAt!: Date | null;

  @Column({ name: 'last_reconciled_at', type: 'timestamptz', nullable: true })
  lastReconciledAt!: Date | null;

  /** The orchestrator's store lease (sync/store-lease.ts): who syncs this store, and until when. */
  @Column({ name: 'sync_lease_owner', type: 'text', nullable: true })
  syncLeaseOwner!: string | null;

  @Column({ name: 'sync_lease_until', type: 'timestamptz', nullable: true })
  syncLeaseUntil!: Date | null;

  /** The platform's id of the store (shop domain, store hash…), from its install flow: matches uninstall notices and reconnects. */
  @Column({ name: 'external_store_id', type: 'text', nullable: true })
  externalStoreId!: string | null;

  /** When the stored access token expires (the credentials' accessTokenExpiresAt), for the refresh-ahead sweep. */
  @Column({ name: 'credentials_expire_at', type: 'timestamptz', nullable: true })
  credentialsExpireAt!: Date | null;

  /** The region's stock_seq this store last caught up with (its variants due by version were all looked at). */
  @Column({ name: 'stock_seen_seq', type: 'bigint', default: 0 })
  stockSeenSeq!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @ManyToOne(() => IntegrationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'platform', foreignKeyConstraintName: 'fk_stores_platform' })
  integration?: IntegrationEntity;

  @ManyToOne(() => SellingRegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'selling_region', foreignKeyConstraintName: 'fk_stores_selling_region' })
  region?: SellingRegionEntity;
}
