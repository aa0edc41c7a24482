/**
 * Recording verified notices — many at once, in ONE statement (the group commit of notices.service.ts): each is
 * recorded by its replay key (the same key again, in this batch or before, is a replay: nothing changed) and the
 * store's synced variants it names are marked for a read-back, except those whose ref shows what the hub last
 * wrote (SHOWS_SAME_SQL: the platform echoing the hub's own write costs no platform call). At scale the notices
 * of the hub's own writes outnumber its store runs, so their statements are what counts (issue 10).
 */
import type { NoticeRef } from '@stock-sync/plugin-sdk';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../database/sql';
import { SYNCED_IN_STORE } from '../sync-variants/variant-lifecycle';
import { SHOWS_SAME_SQL } from '../sync/shows-same-sql';

export interface NoticeToRecord {
  storeId: string;
  platform: string;
  /** The replay key (body_sha256). */
  digest: string;
  refs: readonly NoticeRef[];
}

/** store: the store still exists; recorded: false for a replay (or a removed store); marked: variants marked. */
export interface NoticeRecorded {
  store: boolean;
  recorded: boolean;
  marked: number;
}

/**
 * Marks follow the notices' order: a variant marked by several notices of the batch keeps what they say it shows
 * (`readback_shown`) only when every one of them says the same (the same text; else NULL: it is read back), which
 * is what recording them one after the other would leave, or stricter.
 */
export async function recordNotices(manager: EntityManager, notices: readonly NoticeToRecord[]): Promise<NoticeRecorded[]> {
  const rows = notices.map((n, k) => ({
    k,
    store_id: n.storeId,
    platform: n.platform,
    digest: n.digest,
    nrefs: n.refs.length,
    refs: n.refs.map((r) => ({ variant_id: r.externalVariantId ?? null, product_id: r.externalProductId ?? null, shown: r.shown ?? null })),
  }));
  const answers = await queryRows<{ k: number; store: boolean; recorded: boolean; marked: number }>(
    manager,
    `WITH n AS (
       -- A join by primary key, not EXISTS subqueries (which the planner ran as a scan of every store per batch).
       SELECT n.*, s.id IS NOT NULL AS store, COALESCE(s.status = 'active' AND s.stock_sync_enabled, false) AS syncing
       FROM jsonb_to_recordset($1::jsonb) AS n(k int, store_id uuid, platform text, digest text, nrefs int, refs jsonb)
       LEFT JOIN stores s ON s.id = n.store_id
     ), first AS (
       -- The same key twice in one batch: the first one is the notice, the other a replay.
       SELECT DISTINCT ON (store_id, digest) * FROM n WHERE store ORDER BY store_id, digest, k
     ), per_notice AS (
       -- What each notice's refs naming a variant say it shows, when every one says the same (else NULL).
       SELECT f.k, sv.id,
              CASE WHEN bool_or(r.shown IS NULL) OR count(DISTINCT r.shown::text) > 1 THEN NULL
                   ELSE min(r.shown::text)::jsonb END AS shown
       FROM first f
       CROSS JOIN LATERAL jsonb_to_recordset(f.refs) AS r(variant_id text, product_id text, shown jsonb)
       -- A ref names a variant (with or without its product) or a whole product (notice-body.ts refuses one that
       -- names neither). One branch per shape, each an index lookup: an OR of both in one join condition made the
       -- planner hash every synced variant of every store for each batch (30 000 rows at 300 stores, issue 10).
       CROSS JOIN LATERAL (
         SELECT v.* FROM sync_variants v
         WHERE r.variant_id IS NOT NULL AND v.store_id = f.store_id AND v.external_variant_id = r.variant_id
           AND (r.product_id IS NULL OR v.external_product_id = r.product_id)
         UNION ALL
         SELECT v.* FROM sync_variants v
         WHERE r.variant_id IS NULL AND v.store_id = f.store_id AND v.external_product_id = r.product_id
       ) sv
       -- A paused store, or one with stock sync off, gets no read-back (its notice is still recorded).
       WHERE f.syncing
         AND ${SYNCED_IN_STORE}
         AND NOT (${SHOWS_SAME_SQL('r.shown', 'sv.last_written')})
       GROUP BY f.k, sv.id
     ), recorded AS (
       INSERT INTO platform_notices (store_id, platform, body_sha256, refs, marked)
       SELECT f.store_id, f.platform, f.digest, f.nrefs, (SELECT count(*) FROM per_notice p WHERE p.k = f.k)
       FROM first f ORDER BY f.k
       ON CONFLICT (store_id, body_sha256) DO NOTHING
       RETURNING store_id, body_sha256
     ), recorded_k AS (
       SELECT f.k FROM first f JOIN recorded r ON r.store_id = f.store_id AND r.body_sha256 = f.digest
     ), to_mark AS (
       SELECT p.id,
              CASE WHEN bool_or(p.shown IS NULL) OR count(DISTINCT p.shown::text) > 1 THEN NULL
                   ELSE min(p.shown::text)::jsonb END AS shown
       FROM per_notice p JOIN recorded_k USING (k)
       GROUP BY p.id
     ), marked AS (
       -- readback_shown: what every notice since the last read-back said, while they agree (the notice run drops a
       -- mark whose shown the hub has since recorded as written: an echo that outran that record).
       UPDATE sync_variants sv
       SET readback_requested_at = now(),
           readback_shown = CASE
             WHEN sv.readback_requested_at IS NULL THEN t.shown
             WHEN ${SHOWS_SAME_SQL('sv.readback_shown', 't.shown')} THEN sv.readback_shown
             ELSE NULL END
       FROM to_mark t
       WHERE sv.id = t.id
       RETURNING sv.id
     )
     SELECT n.k, n.store,
            EXISTS (SELECT 1 FROM recorded_k r WHERE r.k = n.k) AS recorded,
            CASE WHEN EXISTS (SELECT 1 FROM recorded_k r WHERE r.k = n.k)
                 THEN (SELECT count(*) FROM per_notice p WHERE p.k = n.k) ELSE 0 END::int AS marked
     FROM n ORDER BY n.k`,
    [JSON.stringify(rows)],
  );
  return answers.map((a) => ({ store: a.store, recorded: a.recorded, marked: a.marked }));
}
