/**
 * The sweep's SQL. Due stores are found by the queryable expiry (stores.credentials_expire_at, indexed for
 * active stores): never by decrypting credentials. The window is per platform (refresh-window.ts).
 */
import type { EntityManager } from 'typeorm';
import { queryOne, queryRows } from '../database/sql';

export interface DueStore {
  id: string;
  platform: string;
}

export interface StoreToRenew {
  id: string;
  platform: string;
  status: string;
  credentials: Uint8Array;
  credentials_expire_at: Date | string | null;
}

/** Active stores of these platforms whose access token expires before `at` + the platform's window, soonest first. */
export async function dueStores(
  manager: EntityManager,
  windows: ReadonlyMap<string, number>,
  at: Date,
  limit: number,
): Promise<DueStore[]> {
  if (windows.size === 0) return [];
  return queryRows<DueStore>(
    manager,
    `SELECT s.id, s.platform
     FROM stores s
     JOIN unnest($1::text[], $2::int[]) AS w(platform, ahead) ON w.platform = s.platform
     WHERE s.status = 'active' AND s.credentials_expire_at IS NOT NULL
       AND s.credentials_expire_at <= $3::timestamptz + make_interval(secs => w.ahead)
     ORDER BY s.credentials_expire_at, s.id
     LIMIT $4`,
    [[...windows.keys()], [...windows.values()], at.toISOString(), limit],
  );
}

export async function storeToRenew(manager: EntityManager, id: string): Promise<StoreToRenew | undefined> {
  return queryOne<StoreToRenew>(manager, `SELECT id, platform, status, credentials, credentials_expire_at FROM stores WHERE id = $1`, [id]);
}

/** A refused renewal: the store needs a person (reconnect); its pending work is left exactly as it is. */
export async function markRenewalRefused(manager: EntityManager, id: string, refused: Uint8Array, reason: string): Promise<boolean> {
  // Only if the refused set is still the stored one: credentials a person put in meanwhile are not condemned.
  const rows = await queryRows<{ id: string }>(
    manager,
    `UPDATE stores SET status = 'needs_reconnect', status_reason = $3, updated_at = now()
     WHERE id = $1 AND status = 'active' AND credentials = $2 RETURNING id`,
    [id, Buffer.from(refused), reason],
  );
  return rows.length === 1;
}
