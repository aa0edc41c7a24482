/**
 * Named (prepared) statements on the embedded database (issue 10), as named-statements.ts does on PostgreSQL.
 *
 * PGlite's `query(text, params)` sends every statement unnamed and one protocol message at a time (Parse,
 * Describe, Bind, Describe, Execute, Sync: six passes through the WebAssembly backend), so each execution is
 * parsed and planned again — on the hub's own thread, since PGlite runs inside the process. Here a text is
 * prepared once (Parse with a name and Describe, one pass), then each execution is Bind + Execute + Sync in ONE
 * pass, with no parsing and, once PostgreSQL's plan cache settles on a generic plan, no planning
 * (https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY). Parameters are
 * serialized and rows parsed with the instance's own serializers and parsers, as `query` does.
 *
 * One statement cache per PGlite instance (a prepared statement belongs to the session, and tests share one
 * instance between data sources), at most MAX_NAMED_STATEMENTS texts; past that a text goes unnamed through
 * `query`, as before. A statement the session no longer has, or whose result columns changed under it
 * (a migration), is prepared again — at once when outside a transaction, else by the next call.
 */
import { parse, protocol, type PGlite, type Results } from '@electric-sql/pglite';
import { MAX_NAMED_STATEMENTS, StatementNames } from './named-statements';

export type BackendMessage = Awaited<ReturnType<PGlite['execProtocolStream']>>[number];

/** The session's wire protocol as the named statements use it: in this thread (`pgliteProtocol`) or on the database's (pglite-thread.ts). */
export interface ProtocolSession {
  /** One pass through the backend, exclusive of other statements: its messages; a database error thrown after the Sync ran. */
  run(message: Uint8Array): Promise<BackendMessage[]>;
  /** Whether the session is inside a (possibly failed) transaction after the last pass. */
  inTransaction(): boolean;
  /** The instance's parameter serializers and result parsers, by type oid (its array types included). */
  readonly serializers: Record<number, (value: unknown) => string>;
  readonly parsers: Parsers;
}

export type Parsers = PGlite['parsers'];

/** The protocol of an instance this thread holds. */
export function pgliteProtocol(db: PGlite): ProtocolSession {
  return {
    run: (message) => db._runExclusiveQuery(() => db.execProtocolStream(message)),
    inTransaction: () => db.isInTransaction(),
    serializers: db.serializers as Record<number, (value: unknown) => string>,
    parsers: db.parsers,
  };
}

interface Prepared {
  /** The parameters' types, as PostgreSQL inferred them (ParameterDescription). */
  paramTypes: number[];
  /** The result's columns (RowDescription), absent for a statement that returns no rows. */
  columns: BackendMessage | undefined;
}

const wire = protocol.serialize;
/** What follows every Bind: run the portal, then end the exchange (the backend answers ReadyForQuery). */
const EXECUTE_SYNC = Buffer.concat([wire.execute({}), wire.sync()]);

/** SQLSTATEs after which the prepared statement must be prepared again: gone (26000), result type changed (0A000). */
const STALE_STATEMENT = new Set(['26000', '0A000']);

export class PGliteNamedStatements {
  private readonly names: StatementNames;
  private readonly prepared = new Map<string, Prepared>();
  private readonly session: ProtocolSession;

  constructor(db: PGlite | ProtocolSession, max = MAX_NAMED_STATEMENTS) {
    this.session = 'run' in db ? db : pgliteProtocol(db);
    this.names = new StatementNames(max);
  }

  /**
   * The statement's result, or undefined when the text cannot be named (past the cap): the caller runs it unnamed.
   * `via`: the caller's own way to the session (a client of the database's thread), else the one given at construction.
   */
  async query(text: string, params: readonly unknown[], via: ProtocolSession = this.session): Promise<Results | undefined> {
    const name = this.names.nameOf(text);
    if (name === undefined) return undefined;
    try {
      return await this.execute(via, text, name, params);
    } catch (error) {
      if (!STALE_STATEMENT.has((error as { code?: string }).code ?? '')) throw error;
      this.prepared.delete(text);
      // Inside a transaction the error has aborted it: the caller rolls back, and the next call prepares anew.
      if (via.inTransaction()) throw error;
      return await this.execute(via, text, name, params);
    }
  }

  private async execute(via: ProtocolSession, text: string, name: string, params: readonly unknown[]): Promise<Results> {
    const statement = this.prepared.get(text) ?? (await this.prepare(via, text, name));
    const values = params.map((value, i) => serialize(via, value, statement.paramTypes[i]));
    const answer = await via.run(Buffer.concat([wire.bind({ statement: name, values }), EXECUTE_SYNC]));
    const messages = statement.columns ? [statement.columns, ...answer] : answer;
    return parse.parseResults(messages, via.parsers)[0];
  }

  private async prepare(via: ProtocolSession, text: string, name: string): Promise<Prepared> {
    // A statement of that name left from an earlier preparation (its entry dropped as stale) is closed first.
    const answer = await via.run(
      Buffer.concat([wire.close({ type: 'S', name }), wire.parse({ name, text }), wire.describe({ type: 'S', name }), wire.sync()]),
    );
    const statement: Prepared = {
      paramTypes: parse.parseDescribeStatementResults(answer),
      columns: answer.find((m) => m.name === 'rowDescription'),
    };
    this.prepared.set(text, statement);
    return statement;
  }
}

/** As PGlite's `query` serializes a parameter: null stays null, else the type's serializer, else its text. */
function serialize(via: ProtocolSession, value: unknown, type: number | undefined): string | null {
  if (value === null || value === undefined) return null;
  const serializer = type === undefined ? undefined : via.serializers[type];
  return serializer ? serializer(value) : String(value);
}

const perInstance = new WeakMap<PGlite, PGliteNamedStatements>();

/** The instance's statement cache (one per PGlite instance: its session holds the statements). */
export function pgliteNamedStatements(db: PGlite): PGliteNamedStatements {
  let statements = perInstance.get(db);
  if (!statements) perInstance.set(db, (statements = new PGliteNamedStatements(db)));
  return statements;
}
