/**
 * TypeORM logger that counts every statement sent to the database and forwards problems (and, at debug
 * level, statements) to the Nest logger. The count proves set-based endpoints stay set-based: a test
 * reads it around one request; `/metrics` shows it by origin (hub_database_statements_total). Parameters are
 * never logged (they may carry credentials ciphertext).
 */
import { Logger as NestLogger } from '@nestjs/common';
import type { QueryRunner, Logger as TypeOrmLogger } from 'typeorm';
import { statementOrigin, type StatementOrigin } from './statement-origin';

export class StatementCounter implements TypeOrmLogger {
  private readonly nest = new NestLogger('Database');
  private readonly counts: Record<StatementOrigin, number> = { work: 0, periodic: 0, scrape: 0 };
  /** Query runners whose last statement was START TRANSACTION: a tagged statement next makes the transaction its. */
  private readonly justStarted = new WeakSet<QueryRunner>();
  /** Query runners in a transaction that began with a periodic or scrape statement: its COMMIT is that origin's too. */
  private readonly taggedTransactions = new WeakMap<QueryRunner, StatementOrigin>();

  /** Statements sent since start-up, whatever their origin. */
  get statements(): number {
    return this.counts.work + this.counts.periodic + this.counts.scrape;
  }

  /** Statements sent since start-up, by origin (statement-origin.ts). */
  byOrigin(): Readonly<Record<StatementOrigin, number>> {
    return { ...this.counts };
  }

  /**
   * Whether each statement is logged (HUB_LOG_LEVEL=verbose; set from the config when the database opens). Checked
   * before the statement is put on one line: at 1 000 stores that formatting alone took 1.4 % of the hub's CPU in a
   * facility change, for lines no other level writes.
   */
  logsStatements = false;

  logQuery(query: string, _parameters?: unknown, runner?: QueryRunner): void {
    this.counts[runner ? this.originIn(runner, query) : statementOrigin(query)]++;
    if (this.logsStatements) this.nest.verbose(truncate(query));
  }

  /**
   * A transaction that begins with a tagged statement (the lease sweep's) is that origin's whole: its START
   * TRANSACTION, counted as work when it was sent, moves over, and its COMMIT or ROLLBACK follows.
   */
  private originIn(runner: QueryRunner, query: string): StatementOrigin {
    const tagged = this.taggedTransactions.get(runner);
    if (tagged) {
      if (query === 'COMMIT' || query === 'ROLLBACK') this.taggedTransactions.delete(runner);
      return tagged;
    }
    if (query === 'START TRANSACTION') {
      this.justStarted.add(runner);
      return 'work';
    }
    const origin = statementOrigin(query);
    if (this.justStarted.delete(runner) && origin !== 'work') {
      this.taggedTransactions.set(runner, origin);
      this.counts.work--;
      this.counts[origin]++;
    }
    return origin;
  }

  logQueryError(error: string | Error, query: string): void {
    this.nest.warn(`query failed: ${error instanceof Error ? error.message : error} — ${truncate(query)}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.nest.warn(`slow query (${time} ms): ${truncate(query)}`);
  }

  logSchemaBuild(message: string): void {
    this.nest.debug(message);
  }

  logMigration(message: string): void {
    this.nest.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.nest.warn(String(message));
    else this.nest.debug(String(message));
  }
}

function truncate(sql: string): string {
  const oneLine = sql.replace(/\s+/g, ' ').trim();
  return oneLine.length > 300 ? `${oneLine.slice(0, 300)}…` : oneLine;
}
