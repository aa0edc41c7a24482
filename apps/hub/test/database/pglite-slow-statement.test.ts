/**
 * The embedded database's pool names a statement that held PGlite (and so the hub's thread) for at least
 * `slowMs`: a real PGlite, a statement made slow with pg_sleep, and one that is not.
 */
import type { PGlite } from '@electric-sql/pglite';
import { inProcessSession } from '../../src/database/embedded-session';
import { createSerialPGliteDriver } from '../../src/database/pglite-serial-pool';
import { openTestPGlite } from '../support/pglite-template';

jest.setTimeout(60_000);

describe('slow statements on the embedded database', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = await openTestPGlite();
  });
  afterAll(async () => {
    await db.close();
  });

  it('reports a statement that ran at least slowMs, with its time and SQL, and not a quick one', async () => {
    const slow: { ms: number; sql: string }[] = [];
    const { Pool } = createSerialPGliteDriver({
      session: inProcessSession(db, false),
      closeOnEnd: false,
      slowMs: 150,
      onSlow: (ms, sql) => slow.push({ ms, sql }),
    });
    const pool = new Pool() as unknown as { connect(): Promise<{ query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }> }> };
    const client = await pool.connect();
    await client.query('SELECT $1::int AS n', [1]);
    expect(slow).toEqual([]);
    await client.query('SELECT pg_sleep($1::float8)', [0.3]);
    expect(slow).toHaveLength(1);
    expect(slow[0]!.sql).toBe('SELECT pg_sleep($1::float8)');
    expect(slow[0]!.ms).toBeGreaterThanOrEqual(150);
  });
});
