/**
 * Named statements on the embedded database (src/database/pglite-named-statements.ts): a parameterized text is
 * prepared once per PGlite instance and answered as PGlite's own `query` answers it (rows, fields, counts, types);
 * PostgreSQL's pg_prepared_statements shows it prepared once and executed every time; errors leave the session
 * usable; a statement dropped or whose columns changed is prepared again; the hub's data source uses it by default
 * and not when HUB_DATABASE_PREPARED_STATEMENTS is false.
 */
import 'reflect-metadata';
import type { PGlite } from '@electric-sql/pglite';
import { DataSource } from 'typeorm';
import { loadDatabaseConfig } from '../../src/config/hub-config';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { StatementNames } from '../../src/database/named-statements';
import { PGliteNamedStatements } from '../../src/database/pglite-named-statements';
import { openTestPGlite } from '../support/pglite-template';

let db: PGlite;

beforeAll(async () => {
  db = await openTestPGlite();
  await db.exec(`
    CREATE TABLE items (id uuid PRIMARY KEY, name text NOT NULL, qty int, seen timestamptz, meta jsonb, raw bytea, ok boolean, tags text[]);
  `);
}, 60_000);

afterAll(async () => {
  await db?.close();
});

/** How often PostgreSQL itself ran the named statement of `text` (custom + generic plans), undefined if not prepared. */
async function executions(text: string): Promise<number | undefined> {
  const name = new StatementNames().nameOf(text);
  const r = await db.query<{ n: number }>(`SELECT (custom_plans + generic_plans)::int AS n FROM pg_prepared_statements WHERE name = $1`, [
    name,
  ]);
  return r.rows[0]?.n;
}

describe('PGliteNamedStatements', () => {
  const insert = `INSERT INTO items (id, name, qty, seen, meta, raw, ok, tags) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;
  const select = `SELECT id, name, qty, seen, meta, raw, ok, tags FROM items WHERE id = $1`;
  const row = [
    '6f1c1e3e-2a61-4c1b-9a55-3c1e1f0f1a01',
    "O'Brien — ünïcode",
    7,
    new Date('2026-12-05T09:00:00.123Z'),
    { a: [1, 'x'], b: null },
    Buffer.from([0, 1, 254, 255]),
    true,
    ['red', 'with "quote"', 'a,b'],
  ];

  it("answers as PGlite's own query does: rows, fields and types, counts; prepared once, executed every time", async () => {
    const named = new PGliteNamedStatements(db);
    const inserted = await named.query(insert, row);
    expect(inserted).toMatchObject({ affectedRows: 1, rows: [] });

    const mine = await named.query(select, [row[0]]);
    const theirs = await db.query(select, [row[0]]);
    expect(mine!.rows).toEqual(theirs.rows);
    expect(mine!.fields).toEqual(theirs.fields);
    expect(mine!.rows[0]).toEqual({
      id: row[0],
      name: row[1],
      qty: 7,
      seen: row[3],
      meta: row[4],
      raw: new Uint8Array([0, 1, 254, 255]),
      ok: true,
      tags: row[7],
    });

    // Nulls, and an UPDATE's count.
    const update = `UPDATE items SET qty = $2, meta = $3 WHERE id = $1 OR name = $4`;
    expect(await named.query(update, [row[0], null, null, 'nobody'])).toMatchObject({ affectedRows: 1 });
    expect((await named.query(select, [row[0]]))!.rows[0]).toMatchObject({ qty: null, meta: null });
    expect(await named.query(update, ['00000000-0000-4000-8000-000000000000', 1, null, 'nobody'])).toMatchObject({ affectedRows: 0 });

    // PostgreSQL prepared each text once and ran it under its name: two SELECTs, two UPDATEs.
    expect(await executions(select)).toBe(2);
    expect(await executions(update)).toBe(2);
    const prepared = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1`, [select]);
    expect(prepared.rows[0].n).toBe(1);
  });

  it('throws the database error, prepares nothing for a text that does not parse, and stays usable', async () => {
    const named = new PGliteNamedStatements(db);
    const broken = `SELEC name FROM items WHERE id = $1`;
    await expect(named.query(broken, [row[0]])).rejects.toMatchObject({ code: '42601' });
    expect(await executions(broken)).toBeUndefined();

    const divide = `SELECT 10 / $1::int AS q`;
    await expect(named.query(divide, [0])).rejects.toMatchObject({ code: '22012' });
    expect((await named.query(divide, [5]))!.rows).toEqual([{ q: 2 }]);
    expect(db.isInTransaction()).toBe(false);
  });

  it('prepares again a statement the session dropped, and one whose columns changed under it', async () => {
    const named = new PGliteNamedStatements(db);
    const text = `SELECT * FROM items WHERE id = $1`;
    expect(Object.keys((await named.query(text, [row[0]]))!.rows[0])).not.toContain('extra');

    await db.exec(`DEALLOCATE ALL`);
    expect((await named.query(text, [row[0]]))!.rows).toHaveLength(1);

    await db.exec(`ALTER TABLE items ADD COLUMN extra int DEFAULT 3`);
    expect((await named.query(text, [row[0]]))!.rows[0]).toMatchObject({ extra: 3 });
    await db.exec(`ALTER TABLE items DROP COLUMN extra`);
  });

  it('inside a transaction a stale statement fails the transaction, and is prepared again after the rollback', async () => {
    const named = new PGliteNamedStatements(db);
    const text = `SELECT * FROM items WHERE name <> $1`;
    await named.query(text, ['x']);
    await db.exec(`ALTER TABLE items ADD COLUMN extra2 int`);
    await db.exec('BEGIN');
    await expect(named.query(text, ['x'])).rejects.toMatchObject({ code: '0A000' });
    await db.exec('ROLLBACK');
    expect((await named.query(text, ['x']))!.rows[0]).toHaveProperty('extra2', null);
    await db.exec(`ALTER TABLE items DROP COLUMN extra2`);
  });

  it('names at most `max` texts: past that it answers undefined and the caller runs the text unnamed', async () => {
    const named = new PGliteNamedStatements(db, 1);
    expect((await named.query(`SELECT $1::int AS a`, [1]))!.rows).toEqual([{ a: 1 }]);
    expect(await named.query(`SELECT $1::int AS b`, [1])).toBeUndefined();
    expect(await executions(`SELECT $1::int AS b`)).toBeUndefined();
  });
});

describe("the hub's embedded data source", () => {
  const TEXT = `SELECT $1::int + 1 AS n /* pglite named-statements test */`;

  async function dataSource(env: Record<string, string>): Promise<DataSource> {
    const problems: string[] = [];
    const { database } = loadDatabaseConfig({ HUB_DATA_DIR: '/nonexistent', ...env }, problems);
    expect(problems).toEqual([]);
    return new DataSource(buildDataSourceOptions(database, { migrationsRun: false, pglite: db })).initialize();
  }

  it('names parameterized statements by default, shared by every data source on the instance', async () => {
    const a = await dataSource({});
    const b = await dataSource({});
    try {
      expect(await a.query(TEXT, [1])).toEqual([{ n: 2 }]);
      expect(await b.query(TEXT, [2])).toEqual([{ n: 3 }]);
      expect(await executions(TEXT)).toBe(2);
    } finally {
      await a.destroy();
      await b.destroy();
    }
  });

  it('names nothing with HUB_DATABASE_PREPARED_STATEMENTS=false', async () => {
    const text = `${TEXT} /* off */`;
    const off = await dataSource({ HUB_DATABASE_PREPARED_STATEMENTS: 'false' });
    try {
      expect(await off.query(text, [1])).toEqual([{ n: 2 }]);
      expect(await executions(text)).toBeUndefined();
    } finally {
      await off.destroy();
    }
  });
});
