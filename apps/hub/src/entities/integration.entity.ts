import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CredentialField, PluginManifest } from '@stock-sync/plugin-sdk';

/**
 * One row per plugin the hub has ever loaded. Reconciled at start-up with what actually loaded: a plugin
 * that vanished stays here as unavailable (with the reason), so its stores keep their platform reference.
 */
@Entity({ name: 'integrations' })
export class IntegrationEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ name: 'contract_version', type: 'integer' })
  contractVersion!: number;

  @Column({ type: 'jsonb' })
  manifest!: PluginManifest;

  @Column({ name: 'credential_fields', type: 'jsonb' })
  credentialFields!: CredentialField[];

  @Column({ type: 'boolean' })
  available!: boolean;

  @Column({ name: 'last_loaded_at', type: 'timestamptz', nullable: true })
  lastLoadedAt!: Date | null;

  @Column({ name: 'unavailable_reason', type: 'text', nullable: true })
  unavailableReason!: string | null;
}
