/**
 * Synced variants of a store: set-based upsert by (store, externalProductId, externalVariantId) and a
 * keyset-paginated listing. A row that becomes synced or whose link changes (catalog variant, ignored)
 * is marked pending; a row that stops being synced stops being pending.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { queryOne, queryRows, toNumber } from '../database/sql';
import { retryingTransaction } from '../database/transaction-retry';
import { ResourceNotFound, ValidationFailed, type ValidationDetail } from '../http/api-errors';
import { duplicateDetails } from '../http/duplicates';
import { formatErrorsOf } from '../http/reference-checked';
import { itemIndexesWithErrors } from '../http/validation-details';
import { PendingWorkSignal } from '../pending-work/pending-work.signal';
import { decodeCursor, encodeCursor } from './cursor';
import { LOCK_IN_ID_ORDER, NEWER_STOCK_IN_STORE_REGION } from './variant-lifecycle';
import type { ListSyncVariantsQuery, SyncVariantDto, SyncVariantInput, SyncVariantPageDto } from './sync-variants.dto';

interface SyncVariantRow {
  id: string | number;
  external_product_id: string;
  external_variant_id: string;
  catalog_variant_id: number | null;
  ignored: boolean;
  synced: boolean;
  state: string;
  pending: boolean;
  pending_since: Date | null;
  desired: unknown;
  last_written: unknown;
  last_written_at: Date | null;
  last_error: unknown;
  attempts: number;
  next_attempt_at: Date | null;
  not_found_at: Date | null;
  updated_at: Date;
}

export const DEFAULT_PAGE_SIZE = 100;

const SYNCED = `sv.catalog_variant_id IS NOT NULL AND NOT sv.ignored AND s.stock_sync_enabled`;
/**
 * The state a row shows: a synced variant's sync state (pending | in_sync | failed); otherwise why the hub
 * leaves it alone — `ignored`, `unlinked` (no catalog variant) or `disabled` (the store's stock sync is
 * off) — never a stale `pending` next to `pending: false`.
 */
const SHOWN_STATE = `CASE WHEN sv.ignored THEN 'ignored' WHEN sv.catalog_variant_id IS NULL THEN 'unlinked'
  WHEN NOT s.stock_sync_enabled THEN 'disabled' WHEN ${NEWER_STOCK_IN_STORE_REGION} THEN 'pending' ELSE sv.state END`;
/** Pending as the orchestrator sees it: marked, or due by version (a facility change it has not settled yet). */
const SHOWN_PENDING = `(${SYNCED} AND (sv.pending OR ${NEWER_STOCK_IN_STORE_REGION}))`;

@Injectable()
export class SyncVariantsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly signal: PendingWorkSignal,
  ) {}

  async upsert(storeId: string, variants: readonly SyncVariantInput[]): Promise<{ upserted: number }> {
    // Format errors (attached by the validation pipe) and this service's checks make ONE 400; the
    // checks below only look at entries whose format is valid.
    const format = formatErrorsOf(variants);
    const malformed = itemIndexesWithErrors(format.details, 'variants');
    const dupes = duplicateDetails(
      variants,
      (v, i) => (malformed.has(i) ? `#${i}` : JSON.stringify([v.externalProductId, v.externalVariantId])),
      (i) => `variants[${i}]`,
    );
    const rejectIfAny = (found: ValidationDetail[]) => {
      if (format.total || found.length) throw new ValidationFailed([...format.details, ...found], format.total + found.length);
    };

    const marked = await retryingTransaction(this.db, async (m) => {
      const store = await queryOne<{ id: string }>(m, `SELECT id FROM stores WHERE id = $1 FOR UPDATE`, [storeId]);
      if (!store) {
        rejectIfAny(dupes);
        throw new ResourceNotFound(`store ${storeId} does not exist`);
      }
      if (variants.length === 0) {
        rejectIfAny(dupes);
        return 0;
      }

      const linked = [
        ...new Set(
          variants
            .filter((_, i) => !malformed.has(i))
            .map((v) => v.catalogVariantId)
            .filter((id): id is number => id !== null),
        ),
      ];
      const known = await queryRows<{ id: number }>(
        m,
        `SELECT c.id FROM catalog_variants c JOIN unnest($1::int[]) AS u(id) ON u.id = c.id`,
        [linked],
      );
      const knownIds = new Set(known.map((k) => k.id));
      const unknown = variants.flatMap((v, i) =>
        !malformed.has(i) && v.catalogVariantId !== null && !knownIds.has(v.catalogVariantId)
          ? [
              {
                path: `variants[${i}].catalogVariantId`,
                message: `variants[${i}].catalogVariantId: catalog variant ${v.catalogVariantId} does not exist`,
              },
            ]
          : [],
      );
      rejectIfAny([...dupes, ...unknown]);

      // Existing rows are locked in id order before the upsert touches them in the request's order.
      await queryRows(
        m,
        `SELECT sv.id FROM sync_variants sv
         JOIN unnest($2::text[], $3::text[]) AS u(ext_p, ext_v) ON sv.external_product_id = u.ext_p AND sv.external_variant_id = u.ext_v
         WHERE sv.store_id = $1
         ${LOCK_IN_ID_ORDER}`,
        [storeId, variants.map((v) => v.externalProductId), variants.map((v) => v.externalVariantId)],
      );

      const row = await queryOne<{ marked: number | string }>(
        m,
        `WITH input AS (
           SELECT * FROM unnest($2::text[], $3::text[], $4::int[], $5::boolean[]) AS u(ext_p, ext_v, catalog_variant_id, ignored)
         ), store AS (
           SELECT stock_sync_enabled FROM stores WHERE id = $1
         ), prev AS (
           SELECT sv.id, sv.pending_version FROM sync_variants sv
           JOIN input i ON sv.store_id = $1 AND sv.external_product_id = i.ext_p AND sv.external_variant_id = i.ext_v
         ), up AS (
           INSERT INTO sync_variants AS sv (store_id, external_product_id, external_variant_id, catalog_variant_id, ignored,
                                            pending, pending_since, pending_version, state)
           SELECT $1, i.ext_p, i.ext_v, i.catalog_variant_id, i.ignored, x.synced,
                  CASE WHEN x.synced THEN now() END, CASE WHEN x.synced THEN 1 ELSE 0 END, 'pending'
           FROM input i CROSS JOIN store
           CROSS JOIN LATERAL (SELECT (i.catalog_variant_id IS NOT NULL AND NOT i.ignored AND store.stock_sync_enabled) AS synced) x
           ON CONFLICT (store_id, external_product_id, external_variant_id) DO UPDATE SET
             catalog_variant_id = excluded.catalog_variant_id,
             ignored = excluded.ignored,
             pending = CASE WHEN NOT excluded.pending THEN false
                            WHEN sv.catalog_variant_id IS DISTINCT FROM excluded.catalog_variant_id OR sv.ignored <> excluded.ignored THEN true
                            ELSE sv.pending END,
             pending_since = CASE WHEN NOT excluded.pending THEN NULL
                            WHEN sv.catalog_variant_id IS DISTINCT FROM excluded.catalog_variant_id OR sv.ignored <> excluded.ignored THEN COALESCE(sv.pending_since, now())
                            ELSE sv.pending_since END,
             pending_version = CASE WHEN excluded.pending AND (sv.catalog_variant_id IS DISTINCT FROM excluded.catalog_variant_id OR sv.ignored <> excluded.ignored)
                            THEN sv.pending_version + 1 ELSE sv.pending_version END,
             state = CASE WHEN excluded.pending AND (sv.catalog_variant_id IS DISTINCT FROM excluded.catalog_variant_id OR sv.ignored <> excluded.ignored)
                            THEN 'pending' ELSE sv.state END,
             attempts = CASE WHEN excluded.pending AND (sv.catalog_variant_id IS DISTINCT FROM excluded.catalog_variant_id OR sv.ignored <> excluded.ignored)
                            THEN 0 ELSE sv.attempts END,
             next_attempt_at = CASE WHEN excluded.pending AND (sv.catalog_variant_id IS DISTINCT FROM excluded.catalog_variant_id OR sv.ignored <> excluded.ignored)
                            THEN NULL ELSE sv.next_attempt_at END,
             updated_at = now()
           RETURNING sv.id, sv.pending, sv.pending_version
         )
         SELECT count(*) AS marked FROM up LEFT JOIN prev ON prev.id = up.id
         WHERE up.pending AND (prev.id IS NULL OR up.pending_version > prev.pending_version)`,
        [
          storeId,
          variants.map((v) => v.externalProductId),
          variants.map((v) => v.externalVariantId),
          variants.map((v) => v.catalogVariantId),
          variants.map((v) => v.ignored ?? false),
        ],
      );
      return toNumber(row?.marked);
    });
    this.signal.notify({ source: 'sync_variants', trigger: 'stock_update', marked, storeIds: [storeId] });
    return { upserted: variants.length };
  }

  async list(storeId: string, query: ListSyncVariantsQuery): Promise<SyncVariantPageDto> {
    const after = query.cursor === undefined ? '0' : decodeCursor(query.cursor);
    if (after === undefined)
      throw new ValidationFailed([{ path: 'cursor', message: 'cursor is not valid (use the nextCursor of a previous page)' }]);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const store = await queryOne<{ id: string }>(this.db.manager, `SELECT id FROM stores WHERE id = $1`, [storeId]);
    if (!store) throw new ResourceNotFound(`store ${storeId} does not exist`);

    const rows = await queryRows<SyncVariantRow>(
      this.db.manager,
      `SELECT sv.id, sv.external_product_id, sv.external_variant_id, sv.catalog_variant_id, sv.ignored,
              (${SYNCED}) AS synced, ${SHOWN_STATE} AS state, ${SHOWN_PENDING} AS pending,
              CASE WHEN ${SYNCED} THEN COALESCE(sv.pending_since, CASE WHEN ${NEWER_STOCK_IN_STORE_REGION} THEN (
                SELECT min(fs.updated_at) FROM selling_region_facilities rf JOIN facility_stock fs ON fs.facility_code = rf.facility_code
                WHERE rf.region_code = s.selling_region AND fs.variant_id = sv.catalog_variant_id AND fs.change_seq > sv.seen_seq) END) END AS pending_since,
              sv.desired, sv.last_written, sv.last_written_at, sv.last_error,
              sv.attempts, sv.next_attempt_at, sv.not_found_at, sv.updated_at
       FROM sync_variants sv JOIN stores s ON s.id = sv.store_id
       WHERE sv.store_id = $1 AND sv.id > $2::bigint
         AND ($3::text IS NULL OR ${SHOWN_STATE} = $3)
       ORDER BY sv.id
       LIMIT $4`,
      [storeId, after, query.state ?? null, limit + 1],
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map(presentSyncVariant),
      nextCursor: rows.length > limit ? encodeCursor(String(page[page.length - 1]!.id)) : null,
    };
  }
}

function iso(d: Date | string | null): string | null {
  return d === null ? null : new Date(d).toISOString();
}

function presentSyncVariant(r: SyncVariantRow): SyncVariantDto {
  return {
    id: String(r.id),
    externalProductId: r.external_product_id,
    externalVariantId: r.external_variant_id,
    catalogVariantId: r.catalog_variant_id,
    ignored: r.ignored,
    synced: r.synced,
    state: r.state,
    pending: r.pending,
    pendingSince: iso(r.pending_since),
    desired: r.desired ?? null,
    lastWritten: r.last_written ?? null,
    lastWrittenAt: iso(r.last_written_at),
    lastError: r.last_error ?? null,
    attempts: r.attempts,
    nextAttemptAt: iso(r.next_attempt_at),
    notFoundAt: iso(r.not_found_at),
    updatedAt: iso(r.updated_at)!,
  };
}
