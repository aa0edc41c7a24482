/**
 * The connect requests table (oauth_connect_requests), in SQL. Single use is ONE conditional UPDATE
 * (consumed_at IS NULL AND expires_at > now(), the database clock): of two callbacks carrying the same state,
 * one gets the row and the other nothing. The merchant's inputs and the PKCE verifier are stored encrypted
 * with the credential cipher, bound to the request id.
 */
import type { EntityManager } from 'typeorm';
import type { CredentialCipher } from '../crypto/credential-cipher';
import { queryOne, queryRows } from '../database/sql';

/** What a new store gets (null for a reconnect, which keeps the store's own settings). */
export interface NewStoreSettings {
  name: string;
  sellingRegion: string;
  stockSyncEnabled: boolean;
  driftPolicy: 'reassert' | 'report';
  reconcileIntervalSeconds: number | null;
}

export interface ConnectRequestSecrets {
  inputs: Record<string, string>;
  codeVerifier?: string;
}

export interface ConnectRequestRow {
  id: string;
  platform: string;
  store_id: string | null;
  name: string | null;
  selling_region: string | null;
  stock_sync_enabled: boolean | null;
  drift_policy: 'reassert' | 'report' | null;
  reconcile_interval_seconds: number | null;
  secrets: Uint8Array;
  redirect_uri: string;
  expires_at: Date | string;
}

const COLUMNS = `id, platform, store_id, name, selling_region, stock_sync_enabled, drift_policy, reconcile_interval_seconds, secrets, redirect_uri, expires_at`;

export interface NewConnectRequest {
  id: string;
  stateHash: string;
  platform: string;
  storeId: string | null;
  settings: NewStoreSettings | null;
  secrets: ConnectRequestSecrets;
  redirectUri: string;
  ttlSeconds: number;
}

/** Inserts the request; returns when it expires (database clock). */
export async function insertConnectRequest(manager: EntityManager, cipher: CredentialCipher, r: NewConnectRequest): Promise<Date> {
  const s = r.settings;
  const row = await queryOne<{ expires_at: Date | string }>(
    manager,
    `INSERT INTO oauth_connect_requests
       (id, state_hash, platform, store_id, name, selling_region, stock_sync_enabled, drift_policy, reconcile_interval_seconds, secrets, redirect_uri, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now() + make_interval(secs => $12))
     RETURNING expires_at`,
    [
      r.id,
      r.stateHash,
      r.platform,
      r.storeId,
      s?.name ?? null,
      s?.sellingRegion ?? null,
      s?.stockSyncEnabled ?? null,
      s?.driftPolicy ?? null,
      s?.reconcileIntervalSeconds ?? null,
      encryptSecrets(cipher, r.id, r.secrets),
      r.redirectUri,
      r.ttlSeconds,
    ],
  );
  return new Date(row!.expires_at);
}

/** Takes the request for this state, once: undefined when unknown, already used or expired. */
export async function consumeConnectRequest(
  manager: EntityManager,
  platform: string,
  hash: string,
): Promise<ConnectRequestRow | undefined> {
  return queryOne<ConnectRequestRow>(
    manager,
    `UPDATE oauth_connect_requests SET consumed_at = now()
     WHERE state_hash = $1 AND platform = $2 AND consumed_at IS NULL AND expires_at > now()
     RETURNING ${COLUMNS}`,
    [hash, platform],
  );
}

export type StateRefusal = 'unknown' | 'used' | 'expired';

/** Why a state could not be consumed (for the refusal's message; read-only). */
export async function whyNotConsumable(manager: EntityManager, platform: string, hash: string): Promise<StateRefusal> {
  const row = await queryOne<{ used: boolean; expired: boolean }>(
    manager,
    `SELECT consumed_at IS NOT NULL AS used, expires_at <= now() AS expired FROM oauth_connect_requests WHERE state_hash = $1 AND platform = $2`,
    [hash, platform],
  );
  if (!row) return 'unknown';
  return row.used ? 'used' : 'expired';
}

/**
 * The store a connect request already connected (its state used, the outcome a store), or undefined. For the
 * browser's return after a platform completed the flow server to server (WooCommerce posts the keys first).
 */
export async function completedConnectRequestStore(
  manager: EntityManager,
  platform: string,
  hash: string,
): Promise<{ storeId: string; reconnect: boolean } | undefined> {
  const row = await queryOne<{ result_store_id: string | null; store_id: string | null }>(
    manager,
    `SELECT result_store_id, store_id FROM oauth_connect_requests WHERE state_hash = $1 AND platform = $2 AND consumed_at IS NOT NULL AND expires_at > now()`,
    [hash, platform],
  );
  return row?.result_store_id ? { storeId: row.result_store_id, reconnect: row.store_id !== null } : undefined;
}

/** A request still open (for the cookie hop), found by id AND state: the state proves the holder got it from us. */
export async function findOpenConnectRequest(manager: EntityManager, id: string, hash: string): Promise<ConnectRequestRow | undefined> {
  return queryOne<ConnectRequestRow>(
    manager,
    `SELECT ${COLUMNS} FROM oauth_connect_requests WHERE id = $1 AND state_hash = $2 AND consumed_at IS NULL AND expires_at > now()`,
    [id, hash],
  );
}

/** The outcome of a consumed request: the store it connected, or why it failed (an error code, never a secret). */
export async function recordConnectOutcome(
  manager: EntityManager,
  id: string,
  outcome: { storeId?: string; failure?: string },
): Promise<void> {
  await queryRows(manager, `UPDATE oauth_connect_requests SET result_store_id = $2, failure = $3 WHERE id = $1 RETURNING id`, [
    id,
    outcome.storeId ?? null,
    outcome.failure ?? null,
  ]);
}

/** Requests expired for over a day are of no further use. */
export async function purgeConnectRequests(manager: EntityManager): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    manager,
    `DELETE FROM oauth_connect_requests WHERE expires_at < now() - interval '1 day' RETURNING id`,
  );
  return rows.length;
}

export function encryptSecrets(cipher: CredentialCipher, requestId: string, secrets: ConnectRequestSecrets): Buffer {
  const flat: Record<string, string> = { inputs: JSON.stringify(secrets.inputs) };
  if (secrets.codeVerifier) flat.codeVerifier = secrets.codeVerifier;
  return cipher.encrypt(flat, `oauth-connect:${requestId}`);
}

export function decryptSecrets(cipher: CredentialCipher, row: Pick<ConnectRequestRow, 'id' | 'secrets'>): ConnectRequestSecrets {
  const flat = cipher.decrypt(row.secrets, `oauth-connect:${row.id}`);
  const inputs = JSON.parse(flat.inputs ?? '{}') as Record<string, string>;
  return { inputs, ...(flat.codeVerifier ? { codeVerifier: flat.codeVerifier } : {}) };
}
