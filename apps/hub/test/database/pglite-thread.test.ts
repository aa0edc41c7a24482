/**
 * The embedded database on its own thread (src/database/pglite-thread.ts): the hub's data directory opens there
 * (the package's built thread script), answers as PGlite does in-process (rows and types, a database error's
 * fields), keeps each client's transaction whole while clients queue without a lock, rolls back a transaction a
 * client abandoned, keeps the hub's event loop turning while a statement runs, and fails clearly once closed.
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, EMBEDDED_SHARED_BUFFERS, openEmbeddedSession, openPGlite } from '../../src/database/data-source-options';
import { inProcessSession, type EmbeddedSession } from '../../src/database/embedded-session';
import { createSerialPGliteDriver } from '../../src/database/pglite-serial-pool';
import { openPGliteThread, pgliteThreadScript } from '../../src/database/pglite-thread';
import { openTestPGlite, prepareDataDirFromTemplate } from '../support/pglite-template';

jest.setTimeout(120_000);

const script = pgliteThreadScript();
if (!script && process.env.CI === 'true') throw new Error('pglite-thread: the hub is not built (apps/hub/dist), and CI needs this test');
const describeIf = script ? describe : describe.skip;
if (!script) console.warn('pglite-thread: skipped (build the hub first: its dist holds the thread script)');

let dataDir: string;
let thread: EmbeddedSession;
let local: PGlite;

beforeAll(async () => {
  if (!script) return;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-pglite-thread-'));
  await prepareDataDirFromTemplate(dataDir);
  thread = await openEmbeddedSession(dataDir, true);
  local = await openTestPGlite();
  const schema = `CREATE TABLE items (id uuid PRIMARY KEY, name text NOT NULL, qty int, big int8, seen timestamptz, meta jsonb, raw bytea, ok boolean, tags text[]);
                  CREATE TABLE counter (id int PRIMARY KEY, v int NOT NULL); INSERT INTO counter VALUES (1, 0);`;
  await thread.client().exec(schema);
  await local.exec(schema);
});

afterAll(async () => {
  await thread?.close();
  await local?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describeIf('the embedded database on its own thread', () => {
  const insert = `INSERT INTO items (id, name, qty, big, seen, meta, raw, ok, tags) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;
  const row = [
    '6f1c1e3e-2a61-4c1b-9a55-3c1e1f0f1a01',
    "O'Brien — ünïcode",
    7,
    '9007199254740993',
    new Date('2026-12-05T09:00:00.123Z'),
    { a: [1, 'x'], b: null },
    Buffer.from([0, 1, 254, 255]),
    true,
    ['red', 'with "quote"', 'a,b'],
  ];

  it("opens the hub's data directory there, with the embedded start parameters", async () => {
    expect(thread.runsOn).toBe('database thread');
    const shown = await thread.client().query(`SELECT current_setting($1) AS value`, ['shared_buffers']);
    expect(shown.rows).toEqual([{ value: EMBEDDED_SHARED_BUFFERS }]);
  });

  it('answers as PGlite in this thread does: rows, fields, counts and types (Date, bytes, jsonb, arrays, int8 past 2^53)', async () => {
    const client = thread.client();
    expect(await client.query(insert, row)).toMatchObject({ affectedRows: 1, rows: [] });
    await local.query(insert, row);
    const select = `SELECT id, name, qty, big, seen, meta, raw, ok, tags, NULL::text AS nothing FROM items WHERE id = $1`;
    const theirs = await local.query(select, [row[0]]);
    const mine = await client.query(select, [row[0]]);
    expect(mine.rows).toEqual(theirs.rows);
    expect(mine.fields).toEqual(theirs.fields);
    const got = mine.rows[0] as Record<string, unknown>;
    expect(got.seen).toBeInstanceOf(Date);
    expect(got.raw).toEqual(new Uint8Array([0, 1, 254, 255]));
    expect(got.big).toBe(9007199254740993n);
    expect(got.meta).toEqual({ a: [1, 'x'], b: null });
    const updated = await client.query(`UPDATE items SET qty = qty + $1 WHERE name LIKE $2`, [1, 'O%']);
    expect(updated.affectedRows).toBe(1);
  });

  it("throws a database error with PostgreSQL's fields (code, constraint, detail) and stays usable", async () => {
    const client = thread.client();
    const duplicate = await client.query(insert, row).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(Error);
    expect(duplicate).toMatchObject({ code: '23505', constraint: 'items_pkey', table: 'items' });
    expect((duplicate as { detail: string }).detail).toContain(row[0] as string);
    await expect(client.query(`SELECT 1 / $1::int`, [0])).rejects.toMatchObject({ code: '22012', message: 'division by zero' });
    await expect(client.exec(`SELEC 1`)).rejects.toMatchObject({ code: '42601' });
    expect((await client.query(`SELECT $1::int AS n`, [5])).rows).toEqual([{ n: 5 }]);
  });

  it("keeps every client's transaction whole while clients queue their statements without a lock", async () => {
    // The hub's path: a data source on a data directory, through TypeORM, opens a thread of its own.
    const ownDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-pglite-thread-ds-'));
    await prepareDataDirFromTemplate(ownDir);
    const ds = await new DataSource(buildDataSourceOptions({ kind: 'pglite', dataDir: ownDir }, { migrationsRun: false })).initialize();
    try {
      await ds.query(`CREATE TABLE counter (id int PRIMARY KEY, v int NOT NULL)`);
      await ds.query(`INSERT INTO counter VALUES ($1, $2)`, [1, 0]);
      const pause = () => new Promise((resolve) => setTimeout(resolve, 2));
      // Read, wait, write: any other client's statement inside another's transaction would lose an increment.
      const increments = Array.from({ length: 40 }, (_, i) =>
        ds
          .transaction(async (m) => {
            const [{ v }] = (await m.query(`SELECT v FROM counter WHERE id = $1`, [1])) as { v: number }[];
            await pause();
            await m.query(`UPDATE counter SET v = $1 WHERE id = $2`, [v + 1, 1]);
            if (i % 8 === 0) throw new Error('rolled back');
          })
          .catch((e: Error) => e.message),
      );
      const readers = Array.from({ length: 40 }, () => ds.query(`SELECT v FROM counter WHERE id = $1`, [1]));
      const outcomes = await Promise.all(increments);
      await Promise.all(readers);
      expect(outcomes.filter((o) => o === 'rolled back')).toHaveLength(5);
      expect(await ds.query(`SELECT v FROM counter WHERE id = $1`, [1])).toEqual([{ v: 35 }]);
    } finally {
      await ds.destroy();
      fs.rmSync(ownDir, { recursive: true, force: true });
    }
  });

  it('rolls back the transaction of a client released with it open; the next client is not held out', async () => {
    const quitter = thread.client();
    await quitter.exec(`BEGIN`);
    await quitter.query(`UPDATE counter SET v = $1 WHERE id = $2`, [99, 1]);
    quitter.release();
    const next = thread.client();
    expect((await next.query(`SELECT v FROM counter WHERE id = $1`, [1])).rows).toEqual([{ v: 0 }]);
  });

  it("keeps the hub's event loop turning while a long statement runs (in this thread it stops)", async () => {
    const longest = async (session: EmbeddedSession): Promise<{ statementMs: number; gapMs: number }> => {
      let last = performance.now();
      let gapMs = 0;
      const tick = setInterval(() => {
        const now = performance.now();
        gapMs = Math.max(gapMs, now - last);
        last = now;
      }, 5);
      const started = performance.now();
      await session.client().query(`SELECT count(*) FROM generate_series(1, $1::int) g WHERE g % 7 = 0`, [2_000_000]);
      const statementMs = performance.now() - started;
      clearInterval(tick);
      return { statementMs, gapMs: Math.max(gapMs, performance.now() - last) };
    };
    const there = await longest(thread);
    const here = await longest(inProcessSession(local, true));
    // The same statement held this thread for all of its time in-process, for none of it on the thread.
    expect(here.gapMs).toBeGreaterThan(here.statementMs * 0.8);
    expect(there.gapMs).toBeLessThan(there.statementMs / 2);
  });

  it("names a slow statement by the thread's own time: not the quick one queued behind it", async () => {
    const slow: { ms: number; sql: string; runsOn: string }[] = [];
    const { Pool } = createSerialPGliteDriver({
      session: thread,
      closeOnEnd: false,
      slowMs: 250,
      onSlow: (ms, sql, runsOn) => slow.push({ ms, sql, runsOn }),
    });
    const pool = new Pool() as unknown as { connect(): Promise<{ query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }> }> };
    const [first, second] = await Promise.all([pool.connect(), pool.connect()]);
    const started = performance.now();
    await Promise.all([first.query('SELECT pg_sleep($1::float8)', [0.4]), second.query('SELECT $1::int AS quick', [1])]);
    // The quick statement waited behind the slow one (both answered after it), yet only the slow one is named.
    expect(performance.now() - started).toBeGreaterThanOrEqual(400);
    expect(slow).toHaveLength(1);
    expect(slow[0]).toMatchObject({ sql: 'SELECT pg_sleep($1::float8)', runsOn: 'database thread' });
    expect(slow[0]!.ms).toBeGreaterThanOrEqual(400);
  });

  it('keeps what it wrote in the data directory', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-pglite-thread-keep-'));
    try {
      await prepareDataDirFromTemplate(dir);
      const session = await openPGliteThread(dir, true, script!);
      await session.client().exec(`CREATE TABLE kept (n int); INSERT INTO kept VALUES (42);`);
      await session.close();
      expect(session.closed).toBe(true);
      await expect(session.client().query(`SELECT $1::int`, [1])).rejects.toThrow('the embedded database is closed');
      const reopened = await openPGlite(dir);
      expect((await reopened.query(`SELECT n FROM kept`)).rows).toEqual([{ n: 42 }]);
      await reopened.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails to open with why when the data directory cannot be opened', async () => {
    const file = path.join(os.tmpdir(), `hub-pglite-thread-not-a-dir-${process.pid}`);
    fs.writeFileSync(file, 'not a data directory');
    try {
      await expect(openPGliteThread(file, true, script!)).rejects.toThrow();
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});
