/**
 * Named (prepared) statements on PostgreSQL (issue 10).
 *
 * TypeORM sends every statement unnamed, so PostgreSQL parses and plans it again on every execution. The hub's
 * statements are a fixed set of set-based texts run thousands of times a minute at scale: planning the chunk
 * record, the due-work question and the rest cost PostgreSQL as much CPU as running them (pg_stat_statements
 * with track_planning at 1 000 stores: 6.9 s of planning in one facility change). Named, each pooled connection
 * parses a text once, and PostgreSQL's plan cache may keep a generic plan when it costs no more than the custom
 * ones (https://www.postgresql.org/docs/current/sql-prepare.html#SQL-PREPARE-NOTES). Measured in
 * tooling/bench/README.md.
 *
 * Only statements with parameters are named: a parameterless text goes by the simple protocol, which also runs
 * several statements in one text (migrations). The names are the texts' hashes, at most MAX_NAMED_STATEMENTS
 * texts per process (the hub's own are far fewer); past that a text goes unnamed, as before, so SQL built per
 * call could never grow the server's memory without bound.
 *
 * HUB_DATABASE_PREPARED_STATEMENTS=false turns it off: needed behind a pooler that hands each transaction another
 * server connection and does not track prepared statements (PgBouncer in transaction mode before 1.21).
 */
import { createHash } from 'node:crypto';
import { Client, type ClientConfig, type QueryConfig } from 'pg';

export const MAX_NAMED_STATEMENTS = 500;

/** SQL text → statement name, the same on every connection of the process. */
export class StatementNames {
  private readonly names = new Map<string, string>();

  constructor(private readonly max = MAX_NAMED_STATEMENTS) {}

  /** The text's name, or undefined once `max` texts are named and this one is not among them. */
  nameOf(text: string): string | undefined {
    const known = this.names.get(text);
    if (known !== undefined || this.names.size >= this.max) return known;
    const name = `hub_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    this.names.set(text, name);
    return name;
  }

  get size(): number {
    return this.names.size;
  }
}

/**
 * A `pg` Client class (for pg.Pool's `Client` option) whose `query(text, values)` with at least one value goes as
 * `query({ name, text, values })`. Every other form is passed on untouched.
 */
export function namedStatementClient(names = new StatementNames()): typeof Client {
  return class NamedStatementClient extends Client {
    constructor(config?: string | ClientConfig) {
      super(config);
      const unnamed = this.query.bind(this) as (...args: unknown[]) => unknown;
      // An instance property, not an override: Client.query's overloads cannot be restated by a subclass.
      this.query = ((...args: unknown[]) => {
        const [text, values, ...rest] = args;
        if (typeof text === 'string' && Array.isArray(values) && values.length > 0) {
          const name = names.nameOf(text);
          if (name !== undefined) return unnamed({ name, text, values } satisfies QueryConfig, ...rest);
        }
        return unnamed(...args);
      }) as unknown as Client['query'];
    }
  } as unknown as typeof Client;
}
