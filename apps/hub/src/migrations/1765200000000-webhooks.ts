import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbound webhooks (issue 12):
 * - `webhook_subscriptions`: url, event types and the signing secret, encrypted with the credential cipher
 *   (bound to the subscription id, like store credentials are bound to the store id).
 * - `webhook_events`: the outbox. `webhook_record_event(type, ordering_key, data)` writes an event and one
 *   `webhook_deliveries` row per subscription that wants its type, in the caller's transaction — or nothing
 *   when no subscription wants it. A rolled-back change therefore leaves no event, a committed one always has
 *   its deliveries.
 * - Triggers call it where the state changes, whatever code path changes it: a store moving to `paused` or
 *   `needs_reconnect` (API, uninstall notice, credential sweep, a sync run's rejected credentials); a sync run
 *   reaching a final state: `failed` → `sync_run.failed`, drift counted → `store.drift_detected`.
 *   `variant.unavailable` needs the domain's availability rule, so the facility-stock write calls it from
 *   TypeScript (webhooks/variant-availability-events.ts) in its own transaction.
 * - `webhook_deliveries`: one per (subscription, event); a lane is (subscription, ordering_key = the store id,
 *   or `variant:<id>`); only the oldest pending delivery of a lane is ever attempted (in order per store).
 */
export class Webhooks1765200000000 implements MigrationInterface {
  name = 'Webhooks1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_subscriptions (
        id          uuid PRIMARY KEY,
        url         text NOT NULL,
        event_types text[] NOT NULL,
        secret      bytea NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE webhook_events (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type         text NOT NULL,
        ordering_key text NOT NULL,
        data         jsonb NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id              bigserial PRIMARY KEY,
        subscription_id uuid NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
        event_id        uuid NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
        ordering_key    text NOT NULL,
        status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts        integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        claimed_until   timestamptz,
        last_status     integer,
        last_error      text,
        last_attempt_at timestamptz,
        finished_at     timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        UNIQUE (subscription_id, event_id)
      )`);
    await q.query(
      `CREATE INDEX idx_webhook_deliveries_lane ON webhook_deliveries (subscription_id, ordering_key, id) WHERE status = 'pending'`,
    );
    await q.query(`CREATE INDEX idx_webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX idx_webhook_deliveries_event ON webhook_deliveries (event_id)`);
    await q.query(`
      CREATE FUNCTION webhook_record_event(p_type text, p_key text, p_data jsonb) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        ev uuid;
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE p_type = ANY (event_types)) THEN
          RETURN;
        END IF;
        INSERT INTO webhook_events (type, ordering_key, data) VALUES (p_type, p_key, p_data) RETURNING id INTO ev;
        INSERT INTO webhook_deliveries (subscription_id, event_id, ordering_key)
          SELECT s.id, ev, p_key FROM webhook_subscriptions s WHERE p_type = ANY (s.event_types) ORDER BY s.id;
      END $$`);
    await q.query(`
      CREATE FUNCTION webhook_store_status_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM webhook_record_event('store.' || NEW.status, NEW.id::text, jsonb_build_object(
          'storeId', NEW.id, 'name', NEW.name, 'platform', NEW.platform, 'status', NEW.status,
          'previousStatus', OLD.status, 'reason', NEW.status_reason));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER trg_webhook_store_status AFTER UPDATE OF status ON stores FOR EACH ROW
      WHEN (NEW.status IS DISTINCT FROM OLD.status AND NEW.status IN ('paused', 'needs_reconnect'))
      EXECUTE FUNCTION webhook_store_status_event()`);
    await q.query(`
      CREATE FUNCTION webhook_sync_run_event() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        drift integer := COALESCE((NEW.counts ->> 'drift')::integer, 0);
      BEGIN
        IF drift > 0 THEN
          PERFORM webhook_record_event('store.drift_detected', NEW.store_id::text, jsonb_build_object(
            'storeId', NEW.store_id, 'runId', NEW.id, 'drift', drift, 'dryRun', NEW.dry_run,
            'driftPolicy', (SELECT s.drift_policy FROM stores s WHERE s.id = NEW.store_id)));
        END IF;
        IF NEW.status = 'failed' THEN
          PERFORM webhook_record_event('sync_run.failed', NEW.store_id::text, jsonb_build_object(
            'storeId', NEW.store_id, 'runId', NEW.id, 'trigger', NEW.trigger, 'dryRun', NEW.dry_run, 'full', NEW."full",
            'error', NEW.error, 'counts', NEW.counts));
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER trg_webhook_sync_run_final AFTER UPDATE OF status ON sync_runs FOR EACH ROW
      WHEN (NEW.status IS DISTINCT FROM OLD.status AND NEW.status IN ('succeeded', 'partial', 'failed'))
      EXECUTE FUNCTION webhook_sync_run_event()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS trg_webhook_sync_run_final ON sync_runs`);
    await q.query(`DROP TRIGGER IF EXISTS trg_webhook_store_status ON stores`);
    await q.query(`DROP FUNCTION IF EXISTS webhook_sync_run_event()`);
    await q.query(`DROP FUNCTION IF EXISTS webhook_store_status_event()`);
    await q.query(`DROP FUNCTION IF EXISTS webhook_record_event(text, text, jsonb)`);
    await q.query(`DROP TABLE IF EXISTS webhook_deliveries`);
    await q.query(`DROP TABLE IF EXISTS webhook_events`);
    await q.query(`DROP TABLE IF EXISTS webhook_subscriptions`);
  }
}
