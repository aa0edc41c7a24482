/**
 * A `pg`-compatible Pool over ONE PGlite instance, for TypeORM's postgres driver (`driver` option).
 *
 * Why not typeorm-pglite's pool as is: it hands the same single connection to every TypeORM query runner
 * at once, so two HTTP requests running transactions concurrently interleave on one session — B's
 * statements run inside A's BEGIN, A's ROLLBACK undoes B's writes, a second BEGIN is ignored. PGlite is
 * one session, so this pool behaves like a `pg` pool of size 1: `connect()` waits for exclusive use and
 * the release callback hands it to the next waiter (FIFO). Transactions are thereby serialised and every
 * query runner sees a session of its own. On the database's own thread (pglite-thread.ts, what the hub opens)
 * that exclusivity is kept by the thread, per statement, so `connect()` answers at once there.
 *
 * Rule that follows (as with any pool of size 1): code holding a query runner (e.g. inside a
 * transaction) must not wait for another one — use the transaction's EntityManager, never the DataSource.
 */
import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import type { EmbeddedClient, EmbeddedSession } from './embedded-session';
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
  /** The database's one session (or how to open it on first connect): embedded-session.ts. */
  session: EmbeddedSession | (() => Promise<EmbeddedSession>);
  /** Close the session when TypeORM ends the pool (false when the caller shares it, e.g. tests). */
  closeOnEnd: boolean;
  /**
   * Told of each statement that ran at least `slowMs` (default 1000): every other statement of the process
   * waited that long behind it, and, on the hub's own thread, every request, timer and platform answer too.
   */
  onSlow?: (ms: number, sql: string, runsOn: EmbeddedSession['runsOn']) => void;
  slowMs?: number;
}

const slowStatementLog = new Logger('Database');
const warnSlow = (ms: number, sql: string, runsOn: EmbeddedSession['runsOn']): void =>
  slowStatementLog.warn(
    `slow statement on the embedded database (${Math.round(ms)} ms, ${runsOn === 'hub thread' ? "the hub's thread held" : 'every other statement waited'}): ${sql.replace(/\s+/g, ' ').trim().slice(0, 300)}`,
  );

/** Returns a `{ Pool }` module to pass as TypeORM's `driver` option. */
export function createSerialPGliteDriver(options: SerialPGliteDriverOptions): { Pool: new () => EventEmitter } {
  const lock = new SerialLock();
  const onSlow = options.onSlow ?? warnSlow;
  const slowMs = options.slowMs ?? 1000;
  let instance: Promise<EmbeddedSession> | undefined;
  const open = (): Promise<EmbeddedSession> =>
    (instance ??= typeof options.session === 'function' ? options.session() : Promise.resolve(options.session));

  class SerialPGliteClient extends EventEmitter {
    constructor(
      private readonly db: EmbeddedClient,
      private readonly runsOn: EmbeddedSession['runsOn'],
    ) {
      super();
    }

    query(text: string, paramsOrCallback?: unknown[] | QueryCallback, callback?: QueryCallback): Promise<PgLikeResult> {
      const params = Array.isArray(paramsOrCallback) ? paramsOrCallback : undefined;
      const cb = typeof paramsOrCallback === 'function' ? paramsOrCallback : callback;
      const run = async (): Promise<PgLikeResult> => {
        const started = performance.now();
        // exec() runs multi-statement SQL (migrations) and returns one result per statement; like pg,
        // answer with the last one. Parameterised SQL is a single statement.
        const result =
          params && params.length > 0
            ? await this.db.query(text, params)
            : ((await this.db.exec(text)).at(-1) ?? { rows: [], fields: [], affectedRows: 0 });
        const ms = this.db.ranMs ?? performance.now() - started;
        if (ms >= slowMs) onSlow(ms, text, this.runsOn);
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
        const session = await open();
        // In the hub's thread a client holds the session alone; the database's thread keeps a transaction's
        // statements together itself (pglite-thread-worker.ts), so there a client waits for nothing.
        const unlock = session.runsOn === 'hub thread' ? await lock.acquire() : undefined;
        const embedded = session.client();
        const release = (): void => {
          embedded.release();
          unlock?.();
        };
        return { client: new SerialPGliteClient(embedded, session.runsOn), release };
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
        if (options.closeOnEnd && instance) await (await instance).close();
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
