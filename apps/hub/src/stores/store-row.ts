import type { StoreDto } from './stores.dto';

/** The columns a store is presented from (never the credentials ciphertext). */
export const STORE_COLUMNS = `s.id, s.name, s.platform, s.selling_region, s.stock_sync_enabled, s.drift_policy, s.status,
  s.status_reason, s.credential_names, s.reconcile_interval_seconds, s.last_reconciled_at, s.created_at, s.updated_at`;

export interface StoreRow {
  id: string;
  name: string;
  platform: string;
  selling_region: string;
  stock_sync_enabled: boolean;
  drift_policy: string;
  status: string;
  status_reason: string | null;
  credential_names: string[];
  reconcile_interval_seconds: number | null;
  last_reconciled_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

/** The store's public JSON. Built field by field so nothing secret can slip in. */
export function presentStore(row: StoreRow, platformAvailable: boolean): StoreDto {
  return {
    id: row.id,
    name: row.name,
    platform: row.platform,
    platformAvailable,
    sellingRegion: row.selling_region,
    stockSyncEnabled: row.stock_sync_enabled,
    driftPolicy: row.drift_policy,
    status: row.status,
    statusReason: row.status_reason,
    credentialsSet: [...(row.credential_names ?? [])],
    reconcileIntervalSeconds: row.reconcile_interval_seconds,
    lastReconciledAt: row.last_reconciled_at ? new Date(row.last_reconciled_at).toISOString() : null,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
