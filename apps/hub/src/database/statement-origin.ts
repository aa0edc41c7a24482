/**
 * Where a statement comes from, told by the comment it begins with — so what counts the hub's work (the
 * `hub_database_statements_total` metric, the bench's statement counts and its wait for a drained hub) leaves the
 * rest out, and pg_stat_statements shows them apart:
 * - `periodic`: sent on a timer whatever the work is — the scheduler tick's lease sweep, idle-store catch-up and
 *   due-work query, the outgoing webhooks' lane poll;
 * - `scrape`: read for a `/metrics` scrape (the backlog gauges);
 * - `work`: everything else (requests, store runs, notices).
 * The bench reads the counts from `/metrics` (tooling/bench/src/hub-child.ts).
 */
export const PERIODIC_SQL = '/* hub:periodic */';
export const SCRAPE_SQL = '/* hub:scrape */';

export type StatementOrigin = 'work' | 'periodic' | 'scrape';

export const STATEMENT_ORIGINS: readonly StatementOrigin[] = ['work', 'periodic', 'scrape'];

export function statementOrigin(sql: string): StatementOrigin {
  if (sql.startsWith(PERIODIC_SQL)) return 'periodic';
  if (sql.startsWith(SCRAPE_SQL)) return 'scrape';
  return 'work';
}
