/**
 * The WHERE clause of GET /v1/stores from its validated filters, with every value as a parameter.
 * "Drift found": a non-dry run of the store that finished in the last 24 hours counted drift (what a
 * read-back found different from what the hub last wrote), whatever the store's drift policy did next.
 */
import type { ListStoresQuery } from './stores.dto';

export const DRIFT_WINDOW_HOURS = 24;

const DRIFT_FOUND = `EXISTS (SELECT 1 FROM sync_runs r WHERE r.store_id = s.id AND NOT r.dry_run
  AND r.finished_at >= now() - make_interval(hours => ${DRIFT_WINDOW_HOURS}) AND (r.counts->>'drift')::int > 0)`;

/** `%`, `_` and the escape character itself are literal in a name search. */
export const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function storeFilterSql(filters: ListStoresQuery): { sql: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filters.platform !== undefined) conditions.push(`s.platform = ${param(filters.platform)}`);
  if (filters.status !== undefined) conditions.push(`s.status = ${param(filters.status)}`);
  if (filters.q !== undefined) conditions.push(`s.name ILIKE ${param(likePattern(filters.q))} ESCAPE '\\'`);
  if (filters.drift === true) conditions.push(DRIFT_FOUND);
  if (filters.drift === false) conditions.push(`NOT ${DRIFT_FOUND}`);
  return { sql: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}
