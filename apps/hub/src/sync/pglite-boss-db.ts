/**
 * pg-boss's `db` option over the hub's embedded PGlite. Every statement borrows the TypeORM driver's
 * pool (the serialising PGlite pool: exclusive use, FIFO), exactly like a TypeORM query runner does, so
 * pg-boss never runs inside another caller's transaction. Parameterless SQL goes to PGlite `exec`
 * (pg-boss's schema plans are multi-statement); parameterised SQL to `query` — the pool's client does
 * that split. Going to the pool directly (not through TypeORM) keeps queue polling out of the hub's
 * statement counter.
 */
import type PgBoss from 'pg-boss';
import type { DataSource } from 'typeorm';

interface PgLikeClient {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}
interface PgLikePool {
  connect(callback: (err: Error | null, client?: PgLikeClient, release?: () => void) => void): unknown;
}

export function pgliteBossDb(dataSource: DataSource): PgBoss.Db {
  const pool = (dataSource.driver as unknown as { master?: PgLikePool }).master;
  if (!pool || typeof pool.connect !== 'function') throw new Error('the database pool is not open');
  return {
    executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> {
      return new Promise((resolve, reject) => {
        pool.connect((err, client, release) => {
          if (err || !client) return reject(err ?? new Error('no database client'));
          client.query(text, values ?? []).then(
            (result) => {
              release?.();
              resolve({ rows: result.rows });
            },
            (error: Error) => {
              release?.();
              reject(error);
            },
          );
        });
      });
    },
  };
}
