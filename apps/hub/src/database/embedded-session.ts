/**
 * The embedded database as the serialising pool sees it: one PostgreSQL session whose clients run a
 * parameterized statement or a parameterless (possibly multi-statement) script. Two homes for it:
 * - in this thread (`inProcessSession`): a PGlite instance the caller holds (tests share one per file); a client
 *   must hold it alone (the pool's lock) for its transactions to stay whole;
 * - on a thread of its own (`openPGliteThread`, pglite-thread.ts): what the hub opens for its data directory, so
 *   the database's work runs beside the hub's JavaScript instead of inside it (issue 10). That thread keeps a
 *   transaction's statements together itself, so clients queue their statements there without a lock.
 */
import type { PGlite, Results } from '@electric-sql/pglite';
import { pgliteNamedStatements, type BackendMessage } from './pglite-named-statements';

/** One caller's use of the session, what a `pg` client is to its pool. */
export interface EmbeddedClient {
  /** One parameterized statement: named (prepared once) when on, else PGlite's unnamed `query`. */
  query(text: string, params: readonly unknown[]): Promise<Results>;
  /** Parameterless SQL, possibly several statements (migrations, pg-boss's schema): one result per statement. */
  exec(text: string): Promise<Results[]>;
  /** The caller is done (on the database's thread, a transaction it left open is rolled back there). */
  release(): void;
  /**
   * How long the client's last call ran in the database, its wait behind other clients excluded, when the session
   * measures it (the database's thread); undefined: the caller's own timing is that time (it held the lock).
   */
  readonly ranMs?: number;
}

export interface EmbeddedSession {
  client(): EmbeddedClient;
  close(): Promise<void>;
  readonly closed: boolean;
  /**
   * Where the statements run. On the hub's thread a client must hold the session alone while it runs (the pool's
   * lock) or transactions interleave; the database's thread keeps a transaction's statements together itself.
   */
  readonly runsOn: 'hub thread' | 'database thread';
}

export interface InProcessSession extends EmbeddedSession {
  /** Whether the session is inside a transaction (its last statement left one open or failed one). */
  inTransaction(): boolean;
  /** One pass of wire-protocol messages through the backend, exclusive of other statements: its answer's messages. */
  protocol(message: Uint8Array): Promise<BackendMessage[]>;
  /** Each element type with its array type, as PGlite reads them to parse arrays. */
  arrayTypes(): Promise<ArrayType[]>;
}

export interface ArrayType {
  oid: number;
  typarray: number;
}

/** A session over an instance this thread holds. `named`: parameterized statements prepared once (pglite-named-statements.ts). */
export function inProcessSession(db: PGlite, named: boolean): InProcessSession {
  const statements = named ? pgliteNamedStatements(db) : undefined;
  const client: EmbeddedClient = {
    async query(text, params) {
      return (await statements?.query(text, params)) ?? (await db.query(text, params as unknown[]));
    },
    exec: (text) => db.exec(text),
    release: () => undefined,
  };
  return {
    runsOn: 'hub thread',
    get closed() {
      return db.closed;
    },
    client: () => client,
    inTransaction: () => db.isInTransaction(),
    protocol: (message) => db._runExclusiveQuery(() => db.execProtocolStream(message)),
    arrayTypes: async () =>
      (
        await db.query<ArrayType>(
          `SELECT DISTINCT b.oid::int AS oid, b.typarray::int AS typarray
             FROM pg_catalog.pg_type a JOIN pg_catalog.pg_type b ON b.oid = a.typelem
            WHERE a.typcategory = 'A' ORDER BY 1`,
        )
      ).rows,
    close: async () => {
      if (!db.closed) await db.close();
    },
  };
}
