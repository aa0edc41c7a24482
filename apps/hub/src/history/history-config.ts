/**
 * How long the hub keeps its history (HUB_HISTORY_RETENTION_DAYS): finished sync runs with their changes, platform
 * notices, and outbound webhook events whose deliveries are over. At 10 000 stores one facility change adds about
 * 1 M change rows and, on WooCommerce, 250 000 notice rows (issue 10): kept forever they grow the database by
 * gigabytes a day. 0 keeps everything.
 */
export interface HistoryConfig {
  /** Days a finished run, a notice, a delivered event is kept; null: kept forever. */
  retentionDays: number | null;
}

export const DEFAULT_RETENTION_DAYS = 30;
const MAX_RETENTION_DAYS = 3650;

export function loadHistoryConfig(env: Record<string, string | undefined>, problems: string[]): HistoryConfig {
  const raw = env.HUB_HISTORY_RETENTION_DAYS?.trim();
  if (!raw) return { retentionDays: DEFAULT_RETENTION_DAYS };
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n > MAX_RETENTION_DAYS) {
    problems.push(
      `HUB_HISTORY_RETENTION_DAYS must be a whole number of days from 1 to ${MAX_RETENTION_DAYS}, or 0 to keep the history forever, got "${env.HUB_HISTORY_RETENTION_DAYS}"`,
    );
    return { retentionDays: DEFAULT_RETENTION_DAYS };
  }
  return { retentionDays: n === 0 ? null : n };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** What is older than this instant goes: `days` before `now`. */
export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}
