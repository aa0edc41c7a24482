/**
 * TypeORM logger that counts every statement sent to the database and forwards problems (and, at debug
 * level, statements) to the Nest logger. The count proves set-based endpoints stay set-based: a test
 * reads it around one request. Parameters are never logged (they may carry credentials ciphertext).
 */
import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

export class StatementCounter implements TypeOrmLogger {
  private readonly nest = new NestLogger('Database');
  private count = 0;

  /** Statements sent since start-up. */
  get statements(): number {
    return this.count;
  }

  logQuery(query: string): void {
    this.count++;
    this.nest.verbose(truncate(query)); // shown only at HUB_LOG_LEVEL=verbose
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
