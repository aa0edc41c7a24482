import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hub's first schema. Hand-written (never synchronize): every table, key, index and check the API
 * and the orchestrator rely on. Entities in src/entities mirror it (a test checks they agree).
 */
export class InitialSchema1764230400000 implements MigrationInterface {
  name = 'InitialSchema1764230400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE facilities (
        code        text PRIMARY KEY,
        name        text NOT NULL,
        country     text NOT NULL,
        partner     boolean NOT NULL DEFAULT false,
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE selling_regions (
        code        text PRIMARY KEY,
        name        text NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE selling_region_facilities (
        region_code   text NOT NULL,
        facility_code text NOT NULL,
        CONSTRAINT pk_selling_region_facilities PRIMARY KEY (region_code, facility_code),
        CONSTRAINT fk_srf_region FOREIGN KEY (region_code) REFERENCES selling_regions(code) ON DELETE CASCADE,
        CONSTRAINT fk_srf_facility FOREIGN KEY (facility_code) REFERENCES facilities(code) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX idx_selling_region_facilities_facility ON selling_region_facilities (facility_code)`);

    await q.query(`
      CREATE TABLE catalog_variants (
        id          integer PRIMARY KEY,
        product_id  integer NOT NULL,
        name        text NOT NULL,
        sku         text,
        fulfillment text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT chk_catalog_variants_fulfillment CHECK (fulfillment IN ('pod', 'warehouse'))
      )`);
    await q.query(`CREATE INDEX idx_catalog_variants_product ON catalog_variants (product_id)`);

    await q.query(`
      CREATE TABLE facility_stock (
        variant_id    integer NOT NULL,
        facility_code text NOT NULL,
        status        text,
        quantity      integer,
        observed_at   timestamptz NOT NULL,
        updated_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_facility_stock PRIMARY KEY (variant_id, facility_code),
        CONSTRAINT fk_facility_stock_variant FOREIGN KEY (variant_id) REFERENCES catalog_variants(id) ON DELETE CASCADE,
        CONSTRAINT fk_facility_stock_facility FOREIGN KEY (facility_code) REFERENCES facilities(code) ON DELETE CASCADE,
        CONSTRAINT chk_facility_stock_quantity CHECK (quantity IS NULL OR quantity >= 0)
      )`);
    await q.query(`CREATE INDEX idx_facility_stock_facility ON facility_stock (facility_code)`);

    await q.query(`
      CREATE TABLE integrations (
        id                 text PRIMARY KEY,
        display_name       text NOT NULL,
        contract_version   integer NOT NULL,
        manifest           jsonb NOT NULL,
        credential_fields  jsonb NOT NULL,
        available          boolean NOT NULL,
        last_loaded_at     timestamptz,
        unavailable_reason text
      )`);

    await q.query(`
      CREATE TABLE stores (
        id                         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name                       text NOT NULL,
        platform                   text NOT NULL,
        selling_region             text NOT NULL,
        stock_sync_enabled         boolean NOT NULL DEFAULT true,
        drift_policy               text NOT NULL DEFAULT 'reassert',
        status                     text NOT NULL DEFAULT 'active',
        status_reason              text,
        credentials                bytea NOT NULL,
        credential_names           jsonb NOT NULL DEFAULT '[]',
        pending_trigger            text,
        reconcile_interval_seconds integer,
        next_reconcile_at          timestamptz,
        last_reconciled_at         timestamptz,
        created_at                 timestamptz NOT NULL DEFAULT now(),
        updated_at                 timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_stores_platform FOREIGN KEY (platform) REFERENCES integrations(id) ON DELETE RESTRICT,
        CONSTRAINT fk_stores_selling_region FOREIGN KEY (selling_region) REFERENCES selling_regions(code) ON DELETE RESTRICT,
        CONSTRAINT chk_stores_drift_policy CHECK (drift_policy IN ('reassert', 'report')),
        CONSTRAINT chk_stores_status CHECK (status IN ('active', 'paused', 'needs_reconnect')),
        CONSTRAINT chk_stores_pending_trigger CHECK (pending_trigger IN ('stock_update', 'schedule', 'settings', 'manual')),
        CONSTRAINT chk_stores_reconcile_interval CHECK (reconcile_interval_seconds IS NULL OR reconcile_interval_seconds > 0)
      )`);

    await q.query(`
      CREATE TABLE sync_variants (
        id                  bigserial PRIMARY KEY,
        store_id            uuid NOT NULL,
        external_product_id text NOT NULL,
        external_variant_id text NOT NULL,
        catalog_variant_id  integer,
        ignored             boolean NOT NULL DEFAULT false,
        desired             jsonb,
        last_written        jsonb,
        last_written_at     timestamptz,
        pending             boolean NOT NULL DEFAULT false,
        pending_since       timestamptz,
        pending_version     integer NOT NULL DEFAULT 0,
        state               text NOT NULL DEFAULT 'pending',
        last_error          jsonb,
        attempts            integer NOT NULL DEFAULT 0,
        next_attempt_at     timestamptz,
        not_found_at        timestamptz,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_sync_variants_store_external UNIQUE (store_id, external_product_id, external_variant_id),
        CONSTRAINT fk_sync_variants_store FOREIGN KEY (store_id) REFERENCES stores(id) ON DELETE CASCADE,
        CONSTRAINT fk_sync_variants_catalog_variant FOREIGN KEY (catalog_variant_id) REFERENCES catalog_variants(id) ON DELETE RESTRICT,
        CONSTRAINT chk_sync_variants_state CHECK (state IN ('pending', 'in_sync', 'failed'))
      )`);
    await q.query(`CREATE INDEX idx_sync_variants_pending ON sync_variants (store_id) WHERE pending`);
    await q.query(`CREATE INDEX idx_sync_variants_catalog_variant ON sync_variants (catalog_variant_id)`);

    await q.query(`
      CREATE TABLE sync_runs (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id    uuid NOT NULL,
        trigger     text NOT NULL,
        dry_run     boolean NOT NULL DEFAULT false,
        "full"      boolean NOT NULL DEFAULT false,
        status      text NOT NULL DEFAULT 'queued',
        started_at  timestamptz,
        finished_at timestamptz,
        counts      jsonb NOT NULL DEFAULT '{"planned": 0, "written": 0, "unchanged": 0, "failed": 0, "drift": 0}',
        error       jsonb,
        created_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_sync_runs_store FOREIGN KEY (store_id) REFERENCES stores(id) ON DELETE CASCADE,
        CONSTRAINT chk_sync_runs_trigger CHECK (trigger IN ('stock_update', 'schedule', 'settings', 'manual')),
        CONSTRAINT chk_sync_runs_status CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'partial'))
      )`);
    await q.query(`CREATE INDEX idx_sync_runs_store_created ON sync_runs (store_id, created_at)`);

    await q.query(`
      CREATE TABLE sync_changes (
        id                  bigserial PRIMARY KEY,
        run_id              uuid NOT NULL,
        sync_variant_id     bigint,
        external_product_id text NOT NULL,
        external_variant_id text NOT NULL,
        "from"              jsonb,
        "to"                jsonb,
        outcome             text NOT NULL,
        error               jsonb,
        created_at          timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_sync_changes_run FOREIGN KEY (run_id) REFERENCES sync_runs(id) ON DELETE CASCADE,
        CONSTRAINT fk_sync_changes_sync_variant FOREIGN KEY (sync_variant_id) REFERENCES sync_variants(id) ON DELETE SET NULL,
        CONSTRAINT chk_sync_changes_outcome CHECK (outcome IN ('written', 'would_write', 'failed', 'drift'))
      )`);
    await q.query(`CREATE INDEX idx_sync_changes_run ON sync_changes (run_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'sync_changes',
      'sync_runs',
      'sync_variants',
      'stores',
      'integrations',
      'facility_stock',
      'catalog_variants',
      'selling_region_facilities',
      'selling_regions',
      'facilities',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
