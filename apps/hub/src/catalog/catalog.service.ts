/**
 * The catalog: upserts of catalog variants (set-based) and the per-variant stock view with the
 * availability each selling region computes from it (the domain's rule).
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { availabilityByRegion, type FulfillmentModel } from '@stock-sync/domain';
import type { DataSource } from 'typeorm';
import { queryOne, queryRows } from '../database/sql';
import { retryingTransaction } from '../database/transaction-retry';
import { ResourceNotFound, ValidationFailed } from '../http/api-errors';
import { duplicateDetails } from '../http/duplicates';
import { PendingWorkSignal } from '../pending-work/pending-work.signal';
import { ReferenceDataService } from '../reference-data/reference-data.service';
import { IS_SYNCED, LOCK_IN_ID_ORDER, MARK_PENDING_SET } from '../sync-variants/pending-marking';
import type { CatalogVariantInput, VariantStockDto } from './catalog.dto';

@Injectable()
export class CatalogService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly refs: ReferenceDataService,
    private readonly signal: PendingWorkSignal,
  ) {}

  /**
   * One statement: upsert every variant; a variant whose fulfillment model changed re-evaluates its
   * synced store variants (marked pending). Duplicate ids in one batch are rejected (400).
   */
  async upsertVariants(variants: readonly CatalogVariantInput[]): Promise<{ upserted: number }> {
    const dupes = duplicateDetails(
      variants,
      (v) => String(v.id),
      (i) => `variants[${i}].id`,
    );
    if (dupes.length) throw new ValidationFailed(dupes);
    if (variants.length === 0) return { upserted: 0 };
    const row = await retryingTransaction(this.db, (m) =>
      queryOne<{ marked: number | string }>(
        m,
        `WITH input AS (
           SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[]) AS u(id, product_id, name, sku, fulfillment)
         ), prev AS (
           SELECT c.id, c.fulfillment FROM catalog_variants c JOIN input i ON i.id = c.id
         ), up AS (
           INSERT INTO catalog_variants (id, product_id, name, sku, fulfillment)
           SELECT id, product_id, name, sku, fulfillment FROM input
           ON CONFLICT (id) DO UPDATE SET product_id = excluded.product_id, name = excluded.name, sku = excluded.sku,
             fulfillment = excluded.fulfillment, updated_at = now()
           WHERE (catalog_variants.product_id, catalog_variants.name, catalog_variants.sku, catalog_variants.fulfillment)
             IS DISTINCT FROM (excluded.product_id, excluded.name, excluded.sku, excluded.fulfillment)
           RETURNING id, fulfillment
         ), refulfilled AS (
           SELECT up.id FROM up JOIN prev ON prev.id = up.id WHERE prev.fulfillment <> up.fulfillment
         ), locked AS MATERIALIZED (
           SELECT sv.id FROM sync_variants sv JOIN stores s ON s.id = sv.store_id
           WHERE ${IS_SYNCED} AND sv.catalog_variant_id IN (SELECT id FROM refulfilled)
           ${LOCK_IN_ID_ORDER}
         ), marked AS (
           UPDATE sync_variants sv SET ${MARK_PENDING_SET}
           FROM locked l WHERE sv.id = l.id
           RETURNING sv.id
         )
         SELECT count(*) AS marked FROM marked`,
        [
          variants.map((v) => v.id),
          variants.map((v) => v.productId),
          variants.map((v) => v.name),
          variants.map((v) => v.sku ?? null),
          variants.map((v) => v.fulfillment),
        ],
      ),
    );
    this.signal.notify({ source: 'catalog', trigger: 'stock_update', marked: Number(row?.marked ?? 0) });
    return { upserted: variants.length };
  }

  async variantStock(id: number): Promise<VariantStockDto> {
    const variant = await queryOne<{ id: number; product_id: number; name: string; sku: string | null; fulfillment: FulfillmentModel }>(
      this.db.manager,
      `SELECT id, product_id, name, sku, fulfillment FROM catalog_variants WHERE id = $1`,
      [id],
    );
    if (!variant) throw new ResourceNotFound(`catalog variant ${id} does not exist`);
    const rows = await queryRows<{
      facility_code: string;
      status: string | null;
      quantity: number | null;
      observed_at: Date;
      updated_at: Date;
    }>(
      this.db.manager,
      `SELECT facility_code, status, quantity, observed_at, updated_at FROM facility_stock WHERE variant_id = $1 ORDER BY facility_code`,
      [id],
    );
    const regions = await this.refs.sellingRegions();
    const observations = rows.map((r) => ({ facility: r.facility_code, status: r.status, quantity: r.quantity }));
    return {
      variant: { id: variant.id, productId: variant.product_id, name: variant.name, sku: variant.sku, fulfillment: variant.fulfillment },
      facilities: rows.map((r) => ({
        facility: r.facility_code,
        status: r.status,
        quantity: r.quantity,
        observedAt: new Date(r.observed_at).toISOString(),
        updatedAt: new Date(r.updated_at).toISOString(),
      })),
      regions: availabilityByRegion(variant.fulfillment, regions, observations).map(({ region, desired }) => ({
        region,
        basis: desired.basis,
        stock: desired.stock,
        ...('reason' in desired ? { reason: desired.reason } : {}),
      })),
    };
  }
}
