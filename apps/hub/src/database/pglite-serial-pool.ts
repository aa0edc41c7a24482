/**
 * A `pg`-compatible Pool over ONE PGlite instance, for TypeORM's postgres driver (`driver` option).
 *
 * Why not typeorm-pglite's pool as is: it hands the same single connection to every TypeORM query runner
 * at once, so two HTTP requests running transactions concurrently interleave on one session — B's
 * statements run inside A's BEGIN, A's ROLLBACK undoes B's writes, a second BEGIN is ignored. PGlite is
 * one session, so this pool behaves like a `pg` pool of size 1: `connect()` waits for exclusive use and
 * the release callback hands it to the next waiter (FIFO). Transactions are thereby serialised and every
 * query runner sees a session of its own.
 *
 * Rule that follows (as with any pool of size 1): code holding a query runner (e.g. inside a
 * transaction) must not wait for another one — use the transaction's EntityManager, never the DataSource.
 */
import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import type { PGlite } from '@electric-sql/pglite';
import { pgliteNamedStatements, type PGliteNamedStatements } from './pglite-named-statements';
import { SerialLock } from './serial-lock';

type QueryCallback = (err: Error | null, result?: unknown) => void;

/** What TypeORM's postgres driver reads from a `pg` result. */
interface PgLikeResult {
  rows: unknown[];
  rowCount: number;
  command?: string;
  fields: unknown[];
}

export interface SerialPGliteDriverOptions {
  /** The instance (or how to open it on first connect). */
  pglite: PGlite | (() => Promise<PGlite>);
  /** Close the instance when TypeORM ends the pool (false when the caller shares it, e.g. tests). */
  closeOnEnd: boolean;
  /** Run parameterized statements named, prepared once per instance (pglite-named-statements.ts); absent: false. */
  namedStatements?: boolean;
  /**
   * Told of each statement that ran at least `slowMs` (default 1000). PGlite runs on the hub's own thread:
   * such a statement stalls every request, timer and platform answer of the process for that long.
   */
  onSlow?: (ms: number, sql: string) => void;
  slowMs?: number;
}

const slowStatementLog = new Logger('Database');
const warnSlow = (ms: number, sql: string): void =>
  slowStatementLog.warn(
    `slow statement on the embedded database (${Math.round(ms)} ms, the hub's thread held): ${sql.replace(/\s+/g, ' ').trim().slice(0, 300)}`,
  );

/** Returns a `{ Pool }` module to pass as TypeORM's `driver` option. */
export function createSerialPGliteDriver(options: SerialPGliteDriverOptions): { Pool: new () => EventEmitter } {
  const lock = new SerialLock();
  const onSlow = options.onSlow ?? warnSlow;
  const slowMs = options.slowMs ?? 1000;
  let instance: Promise<PGlite> | undefined;
  const open = (): Promise<PGlite> =>
    (instance ??= typeof options.pglite === 'function' ? options.pglite() : Promise.resolve(options.pglite));

  class SerialPGliteClient extends EventEmitter {
    /** The instance's named statements, when on (one cache per instance: pglite-named-statements.ts). */
    private readonly named: PGliteNamedStatements | undefined;

    constructor(private readonly db: PGlite) {
      super();
      this.named = options.namedStatements ? pgliteNamedStatements(db) : undefined;
    }

    query(text: string, paramsOrCallback?: unknown[] | QueryCallback, callback?: QueryCallback): Promise<PgLikeResult> {
      const params = Array.isArray(paramsOrCallback) ? paramsOrCallback : undefined;
      const cb = typeof paramsOrCallback === 'function' ? paramsOrCallback : callback;
      const run = async (): Promise<PgLikeResult> => {
        const started = performance.now();
        // exec() runs multi-statement SQL (migrations) and returns one result per statement; like pg,
        // answer with the last one. Parameterised SQL is a single statement: named, else query().
        const result =
          params && params.length > 0
            ? ((await this.named?.query(text, params)) ?? (await this.db.query(text, params)))
            : ((await this.db.exec(text)).at(-1) ?? { rows: [], fields: [], affectedRows: 0 });
        const ms = performance.now() - started;
        if (ms >= slowMs) onSlow(ms, text);
        return toPgResult(text, result as { rows: unknown[]; fields: unknown[]; affectedRows?: number });
      };
      const promise = run();
      if (cb)
        promise.then(
          (r) => cb(null, r),
          (e: Error) => cb(e),
        );
      return promise;
    }

    release(): void {
      /* TypeORM uses the callback handed out by connect(); nothing to do here. */
    }
  }

  class SerialPGlitePool extends EventEmitter {
    connect(callback?: (err: Error | null, client?: SerialPGliteClient, release?: () => void) => void) {
      const promise = (async () => {
        const release = await lock.acquire();
        try {
          return { client: new SerialPGliteClient(await open()), release };
        } catch (error) {
          release();
          throw error;
        }
      })();
      if (!callback) return promise.then(({ client }) => client);
      promise.then(
        ({ client, release }) => callback(null, client, () => release()),
        (error: Error) => callback(error),
      );
      return undefined;
    }

    end(callback?: (err?: Error | null) => void): Promise<void> {
      const done = (async () => {
        if (options.closeOnEnd && instance) {
          const db = await instance;
          if (!db.closed) await db.close();
        }
      })();
      if (callback)
        done.then(
          () => callback(null),
          (e: Error) => callback(e),
        );
      return done;
    }
  }

  return { Pool: SerialPGlitePool };
}

function toPgResult(text: string, result: { rows: unknown[]; fields: unknown[]; affectedRows?: number }): PgLikeResult {
  const command = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase();
  return {
    rows: result.rows,
    fields: result.fields,
    rowCount: result.affectedRows ?? result.rows.length,
    command: command && ['UPDATE', 'DELETE', 'INSERT', 'SELECT'].includes(command) ? command : undefined,
  };
}
