/**
 * Stores a store's renewed credentials (already encrypted by the ConnectionFactory's cipher).
 *
 * Compare-and-set on the ciphertext the run started from: if a person replaced the credentials meanwhile
 * (PATCH), theirs win and the renewed set is dropped. Not fenced by the sync lease on purpose: the
 * platform has already rotated the tokens, so the renewed set is the only one that still works — losing
 * it to a lease hiccup would strand the store. The refresh itself only starts while the lease is held.
 */
import type { EntityManager } from 'typeorm';
import { queryRows } from '../database/sql';
import type { RefreshedCredentials } from '../plugins/connection-factory.service';

export async function saveRefreshedCredentials(
  manager: EntityManager,
  storeId: string,
  previous: Uint8Array,
  refreshed: RefreshedCredentials,
): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    manager,
    `UPDATE stores SET credentials = $3, credential_names = $4::jsonb, credentials_expire_at = $5, updated_at = now()
     WHERE id = $1 AND credentials = $2
     RETURNING id`,
    [storeId, Buffer.from(previous), refreshed.ciphertext, JSON.stringify(refreshed.names), refreshed.expiresAt],
  );
  return rows.length === 1;
}
