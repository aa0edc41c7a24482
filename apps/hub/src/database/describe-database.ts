import type { DatabaseConfig } from '../config/hub-config';

/** A one-line description of the database for logs: never the password. */
export function describeDatabase(db: DatabaseConfig): string {
  if (db.kind === 'pglite') return `embedded PGlite in ${db.dataDir}`;
  try {
    const u = new URL(db.url);
    return `PostgreSQL ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}${u.username ? ` as ${decodeURIComponent(u.username)}` : ''}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL)';
  }
}
