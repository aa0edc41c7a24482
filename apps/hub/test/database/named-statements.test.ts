/**
 * Named statements on PostgreSQL (src/database/named-statements.ts): the hub's data source names each
 * parameterized statement by its text, so a pooled connection parses it once (pg_prepared_statements shows it);
 * parameterless texts (several statements in one, as migrations send) stay on the simple protocol; a failed
 * execution, or a Parse refused inside an aborted transaction, leaves the connection usable; the setting turns it off.
 */
import 'reflect-metadata';
import { DataSource, type QueryRunner } from 'typeorm';
import { loadDatabaseConfig, type DatabaseConfig } from '../../src/config/hub-config';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { StatementNames } from '../../src/database/named-statements';
import { testDatabases } from '../support/test-databases';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../support/throwaway-postgres';

describe('StatementNames', () => {
  it('gives a text the same name every time, and different texts different names', () => {
    const names = new StatementNames();
    const a = names.nameOf('SELECT $1::int');
    expect(a).toMatch(/^hub_[0-9a-f]{24}$/);
    expect(names.nameOf('SELECT $1::int')).toBe(a);
    expect(names.nameOf('SELECT $1::text')).not.toBe(a);
    expect(new StatementNames().nameOf('SELECT $1::int')).toBe(a); // the same on every connection and process
  });

  it('names at most `max` texts: past that a new text goes unnamed, the named ones keep their names', () => {
    const names = new StatementNames(2);
    const a = names.nameOf('a $1');
    const b = names.nameOf('b $1');
    expect(names.nameOf('c $1')).toBeUndefined();
    expect(names.nameOf('a $1')).toBe(a);
    expect(names.nameOf('b $1')).toBe(b);
    expect(names.size).toBe(2);
  });
});

describe('HUB_DATABASE_PREPARED_STATEMENTS', () => {
  const url = 'postgres://h/db';
  const postgres = (env: Record<string, string>) => {
    const problems: string[] = [];
    const { database } = loadDatabaseConfig({ DATABASE_URL: url, ...env }, problems);
    return { database, problems };
  };

  it('is on by default, off with false, and anything else is refused naming the variable', () => {
    expect(postgres({}).database).toEqual({ kind: 'postgres', url, preparedStatements: true });
    expect(postgres({ HUB_DATABASE_PREPARED_STATEMENTS: 'false' }).database).toMatchObject({ preparedStatements: false });
    expect(postgres({ HUB_DATABASE_PREPARED_STATEMENTS: 'maybe' }).problems).toEqual([
      'HUB_DATABASE_PREPARED_STATEMENTS must be true or false, got "maybe"',
    ]);
  });
});

const onPostgres = testDatabases().includes('postgres') ? describe : describe.skip;

onPostgres('named statements on PostgreSQL', () => {
  let pg: ThrowawayDatabase;
  const open: DataSource[] = [];

  beforeAll(async () => {
    pg = await createThrowawayDatabase(process.env.TEST_DATABASE_URL!);
  }, 60_000);

  afterAll(async () => {
    for (const db of open) await db.destroy();
    await pg?.drop();
  });

  async function hubDataSource(preparedStatements?: boolean): Promise<DataSource> {
    const config: DatabaseConfig = { kind: 'postgres', url: pg.url, ...(preparedStatements === undefined ? {} : { preparedStatements }) };
    const db = await new DataSource(buildDataSourceOptions(config, { migrationsRun: false })).initialize();
    open.push(db);
    return db;
  }

  /** The connection's prepared statements, from PostgreSQL itself. */
  async function prepared(runner: QueryRunner): Promise<{ name: string; statement: string }[]> {
    return runner.query(`SELECT name, statement FROM pg_prepared_statements ORDER BY name`);
  }

  const TEXT = `SELECT $1::int + 1 AS n /* named-statements test */`;

  it('parses a parameterized statement once per connection, under its name, and answers it every time', async () => {
    const db = await hubDataSource();
    const runner = db.createQueryRunner();
    try {
      expect(await runner.query(TEXT, [1])).toEqual([{ n: 2 }]);
      expect(await runner.query(TEXT, [41])).toEqual([{ n: 42 }]);
      const mine = (await prepared(runner)).filter((p) => p.statement === TEXT);
      expect(mine).toEqual([{ name: new StatementNames().nameOf(TEXT), statement: TEXT }]);
      // Parameterless texts go unnamed (simple protocol), and may hold several statements.
      await runner.query(`SELECT 1; SELECT 2`);
      expect((await prepared(runner)).map((p) => p.statement)).toEqual([TEXT]);
    } finally {
      await runner.release();
    }
  });

  it('leaves the connection usable after a failed execution and after a Parse refused in an aborted transaction', async () => {
    const db = await hubDataSource();
    const runner = db.createQueryRunner();
    const divide = `SELECT 10 / $1::int AS q /* named-statements test */`;
    const fresh = `SELECT $1::text || '!' AS s /* named-statements test */`;
    try {
      await expect(runner.query(divide, [0])).rejects.toMatchObject({ driverError: { code: '22012' } });
      expect(await runner.query(divide, [5])).toEqual([{ q: 2 }]);

      await runner.startTransaction();
      await expect(runner.query(divide, [0])).rejects.toMatchObject({ driverError: { code: '22012' } });
      // The transaction is aborted: PostgreSQL refuses the new statement's Parse (25P02)…
      await expect(runner.query(fresh, ['a'])).rejects.toMatchObject({ driverError: { code: '25P02' } });
      await runner.rollbackTransaction();
      // …and the driver knows it was never prepared: it is parsed now, not assumed.
      expect(await runner.query(fresh, ['a'])).toEqual([{ s: 'a!' }]);
      expect(await runner.query(fresh, ['b'])).toEqual([{ s: 'b!' }]);
    } finally {
      await runner.release();
    }
  });

  it('names nothing when turned off', async () => {
    const db = await hubDataSource(false);
    const runner = db.createQueryRunner();
    try {
      expect(await runner.query(TEXT, [1])).toEqual([{ n: 2 }]);
      expect(await prepared(runner)).toEqual([]);
    } finally {
      await runner.release();
    }
  });
});
