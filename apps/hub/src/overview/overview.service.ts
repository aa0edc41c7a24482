/**
 * The operations overview, every figure counted in SQL (no row is loaded to be counted in the hub):
 * stores by platform and status, the pending backlog and its oldest entry, facility-update-to-store
 * latency over the last hour, runs stopped by rate limits. Dry runs are left out everywhere.
 *
 * Latency is read from what the hub keeps: for each variant written by a stock-update run, the time from
 * the newest facility update of that variant in the store's selling region received before the write
 * (facility_stock.updated_at) to the write (sync_changes.created_at). facility_stock keeps only each
 * facility's latest observation, so a write whose facility has changed again since drops out: a close
 * figure for operators, not an audit (the metrics endpoint's histogram is the exact one).
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { queryOne, queryRows, toNumber } from '../database/sql';
import type { OverviewDto, PlatformStoreCountsDto } from './overview.dto';

export const WINDOW_MINUTES = 60;
export const BUCKET_MINUTES = 5;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const round = (v: number | null): number | null => (v === null ? null : Math.round(v * 1000) / 1000);

@Injectable()
export class OverviewService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async read(): Promise<OverviewDto> {
    const m = this.db.manager;
    const clock = await queryOne<{ now: Date; since: Date }>(m, `SELECT now() AS now, now() - make_interval(mins => $1) AS since`, [
      WINDOW_MINUTES,
    ]);
    const now = new Date(clock!.now);
    const since = new Date(clock!.since);

    const storeRows = await queryRows<{ platform: string; status: string; n: unknown }>(
      m,
      `SELECT platform, status, count(*) AS n FROM stores GROUP BY platform, status ORDER BY platform, status`,
    );
    const backlog = await queryOne<Record<string, unknown>>(
      m,
      `SELECT count(*) FILTER (WHERE pending) AS pending,
              count(*) FILTER (WHERE pending AND next_attempt_at > now()) AS backing_off,
              count(*) FILTER (WHERE state = 'failed') AS failed,
              min(pending_since) FILTER (WHERE pending) AS oldest,
              EXTRACT(EPOCH FROM now() - min(pending_since) FILTER (WHERE pending)) AS oldest_age
         FROM sync_variants`,
    );
    const latency = await queryRows<{ bucket: number | null; writes: unknown; p50: unknown; p95: unknown; max: unknown }>(
      m,
      `WITH w AS (
         SELECT c.created_at AS written_at,
                EXTRACT(EPOCH FROM c.created_at - (
                  SELECT max(fs.updated_at) FROM facility_stock fs
                    JOIN selling_region_facilities srf ON srf.facility_code = fs.facility_code AND srf.region_code = s.selling_region
                   WHERE fs.variant_id = sv.catalog_variant_id AND fs.updated_at <= c.created_at)) AS latency
           FROM sync_runs r
           JOIN sync_changes c ON c.run_id = r.id
           JOIN stores s ON s.id = r.store_id
           JOIN sync_variants sv ON sv.id = c.sync_variant_id
          WHERE NOT r.dry_run AND r.trigger = 'stock_update' AND (r.finished_at IS NULL OR r.finished_at >= $1)
            AND c.outcome = 'written' AND c.created_at >= $1)
       SELECT LEAST(floor(EXTRACT(EPOCH FROM written_at - $1::timestamptz) / $2)::int, $3::int - 1) AS bucket, count(*) AS writes,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY latency) AS p50,
              percentile_cont(0.95) WITHIN GROUP (ORDER BY latency) AS p95,
              max(latency) AS max
         FROM w WHERE latency IS NOT NULL
        GROUP BY ROLLUP (1)`,
      [since, BUCKET_MINUTES * 60, WINDOW_MINUTES / BUCKET_MINUTES],
    );
    const throttled = await queryRows<{ platform: string; runs: unknown }>(
      m,
      `SELECT s.platform, count(*) AS runs FROM sync_runs r JOIN stores s ON s.id = r.store_id
        WHERE NOT r.dry_run AND r.finished_at >= $1 AND r.error->>'code' = 'rate_limited'
        GROUP BY s.platform ORDER BY s.platform`,
      [since],
    );
    const runs = await queryOne<Record<string, unknown>>(
      m,
      `SELECT count(*) FILTER (WHERE status = 'succeeded' AND finished_at >= $1) AS succeeded,
              count(*) FILTER (WHERE status = 'partial' AND finished_at >= $1) AS partial,
              count(*) FILTER (WHERE status = 'failed' AND finished_at >= $1) AS failed,
              count(*) FILTER (WHERE status IN ('queued', 'running')) AS active
         FROM sync_runs WHERE NOT dry_run AND (finished_at IS NULL OR finished_at >= $1)`,
      [since],
    );

    const total = latency.find((r) => r.bucket === null);
    // The window's very last instant is clamped into the last bucket (LEAST above).
    const buckets = Array.from({ length: WINDOW_MINUTES / BUCKET_MINUTES }, (_, i) => {
      const row = latency.find((r) => r.bucket === i);
      return {
        start: new Date(since.getTime() + i * BUCKET_MINUTES * 60_000).toISOString(),
        writes: row ? toNumber(row.writes) : 0,
        p50Seconds: round(num(row?.p50)),
        maxSeconds: round(num(row?.max)),
      };
    });
    const byThrottle = throttled.map((t) => ({ platform: t.platform, runs: toNumber(t.runs) }));
    return {
      generatedAt: now.toISOString(),
      stores: storeCounts(storeRows),
      backlog: {
        pendingVariants: toNumber(backlog?.pending),
        variantsBackingOff: toNumber(backlog?.backing_off),
        failedVariants: toNumber(backlog?.failed),
        oldestPendingSince: backlog?.oldest ? new Date(backlog.oldest as string).toISOString() : null,
        oldestPendingAgeSeconds: round(num(backlog?.oldest_age)),
      },
      latency: {
        windowMinutes: WINDOW_MINUTES,
        bucketMinutes: BUCKET_MINUTES,
        writes: total ? toNumber(total.writes) : 0,
        p50Seconds: round(num(total?.p50)),
        p95Seconds: round(num(total?.p95)),
        maxSeconds: round(num(total?.max)),
        buckets,
      },
      throttles: { windowMinutes: WINDOW_MINUTES, runsThrottled: byThrottle.reduce((a, t) => a + t.runs, 0), byPlatform: byThrottle },
      runs: {
        windowMinutes: WINDOW_MINUTES,
        succeeded: toNumber(runs?.succeeded),
        partial: toNumber(runs?.partial),
        failed: toNumber(runs?.failed),
        active: toNumber(runs?.active),
      },
    };
  }
}

function storeCounts(rows: Array<{ platform: string; status: string; n: unknown }>): OverviewDto['stores'] {
  const byStatus = { active: 0, paused: 0, needs_reconnect: 0 };
  const platforms = new Map<string, PlatformStoreCountsDto>();
  for (const r of rows) {
    const n = toNumber(r.n);
    const p = platforms.get(r.platform) ?? { platform: r.platform, active: 0, paused: 0, needsReconnect: 0, total: 0 };
    if (r.status === 'active') p.active += n;
    if (r.status === 'paused') p.paused += n;
    if (r.status === 'needs_reconnect') p.needsReconnect += n;
    p.total += n;
    platforms.set(r.platform, p);
    if (r.status in byStatus) byStatus[r.status as keyof typeof byStatus] += n;
  }
  const list = [...platforms.values()];
  return { total: list.reduce((a, p) => a + p.total, 0), byStatus, byPlatform: list };
}
