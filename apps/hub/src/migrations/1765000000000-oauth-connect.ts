import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Install flows and the credential lifecycle (issue 9):
 * - `oauth_connect_requests`: one row per started connect / reconnect. The state is stored only as its
 *   SHA-256 (a database reader cannot replay a callback), single-use (`consumed_at`, set by ONE conditional
 *   UPDATE) and expiring (`expires_at`). The merchant's inputs and the PKCE verifier are encrypted with the
 *   credential cipher (bound to the request id). `store_id` is the store a reconnect targets.
 * - `stores.external_store_id`: the platform's id of the store (matches uninstall notices and reconnects).
 * - `stores.credentials_expire_at`: when the stored access token expires (copied from the credentials'
 *   `accessTokenExpiresAt` whenever they are stored), so the refresh-ahead sweep finds due stores with an
 *   index instead of decrypting every store.
 */
export class OAuthConnect1765000000000 implements MigrationInterface {
  name = 'OAuthConnect1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE stores ADD COLUMN external_store_id text`);
    await q.query(`ALTER TABLE stores ADD COLUMN credentials_expire_at timestamptz`);
    await q.query(`CREATE INDEX idx_stores_external_store ON stores (platform, external_store_id) WHERE external_store_id IS NOT NULL`);
    await q.query(
      `CREATE INDEX idx_stores_credentials_expire ON stores (credentials_expire_at) WHERE credentials_expire_at IS NOT NULL AND status = 'active'`,
    );
    await q.query(`
      CREATE TABLE oauth_connect_requests (
        id                          uuid PRIMARY KEY,
        state_hash                  text NOT NULL,
        platform                    text NOT NULL,
        store_id                    uuid,
        name                        text,
        selling_region              text,
        stock_sync_enabled          boolean,
        drift_policy                text,
        reconcile_interval_seconds  integer,
        secrets                     bytea NOT NULL,
        redirect_uri                text NOT NULL,
        created_at                  timestamptz NOT NULL DEFAULT now(),
        expires_at                  timestamptz NOT NULL,
        consumed_at                 timestamptz,
        result_store_id             uuid,
        failure                     text,
        CONSTRAINT uq_oauth_connect_requests_state UNIQUE (state_hash),
        CONSTRAINT fk_oauth_connect_requests_platform FOREIGN KEY (platform) REFERENCES integrations(id) ON DELETE CASCADE,
        CONSTRAINT fk_oauth_connect_requests_store FOREIGN KEY (store_id) REFERENCES stores(id) ON DELETE CASCADE,
        CONSTRAINT chk_oauth_connect_requests_drift_policy CHECK (drift_policy IS NULL OR drift_policy IN ('reassert', 'report'))
      )`);
    await q.query(`CREATE INDEX idx_oauth_connect_requests_expires ON oauth_connect_requests (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS oauth_connect_requests`);
    await q.query(`DROP INDEX IF EXISTS idx_stores_credentials_expire`);
    await q.query(`DROP INDEX IF EXISTS idx_stores_external_store`);
    await q.query(`ALTER TABLE stores DROP COLUMN IF EXISTS credentials_expire_at`);
    await q.query(`ALTER TABLE stores DROP COLUMN IF EXISTS external_store_id`);
  }
}
