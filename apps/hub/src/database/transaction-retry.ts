/**
 * Every write path's transaction boundary. PostgreSQL may abort a transaction for a deadlock (40P01) or a
 * serialization failure (40001) although nothing is wrong with the request: the whole transaction is
 * then run again, a few times, after a short jittered pause. The client never sees these (no 500).
 *
 * Only the work inside `work` is repeated, so it must have no side effect outside the database
 * (notifications, platform calls) — callers do those after the transaction commits. Row locks are
 * also taken in one order everywhere (stores → facility_stock / catalog_variants → sync_variants by
 * id), so a retry is the exception, not the rule.
 */
import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';

/** SQLSTATEs worth retrying: the transaction lost a race, the request itself is fine. */
export const RETRYABLE_SQLSTATES: ReadonlySet<string> = new Set(['40P01', '40001']);

export interface RetryOptions {
  /** Attempts in all (the first one included). */
  attempts?: number;
  /** Base pause before the 2nd attempt; doubled after each retry, with full jitter. */
  baseDelayMs?: number;
  /** Called before each retry (tests, logs). */
  onRetry?: (attempt: number, code: string) => void;
}

export const DEFAULT_TRANSACTION_ATTEMPTS = 5;
const DEFAULT_BASE_DELAY_MS = 10;
const log = new Logger('TransactionRetry');

/** The SQLSTATE of a database error (TypeORM's QueryFailedError copies the driver's `code`). */
export function sqlStateOf(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | undefined;
  const code = e?.code ?? e?.driverError?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isRetryableTransactionError(error: unknown): boolean {
  const code = sqlStateOf(error);
  return code !== undefined && RETRYABLE_SQLSTATES.has(code);
}

/** Runs `attempt` again while it fails with a retryable SQLSTATE, up to `attempts` times in all. */
export async function withTransactionRetry<T>(attempt: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? DEFAULT_TRANSACTION_ATTEMPTS);
  const base = options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      if (n >= attempts || !isRetryableTransactionError(e)) throw e;
      const code = sqlStateOf(e)!;
      options.onRetry?.(n, code);
      log.debug(`transaction aborted (${code}); attempt ${n + 1} of ${attempts}`);
      // Full jitter: the two losers of a deadlock must not collide again in lock-step.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * base * 2 ** (n - 1)));
    }
  }
}

/** `dataSource.transaction(work)`, run again on deadlock / serialization failure. */
export function retryingTransaction<T>(db: DataSource, work: (manager: EntityManager) => Promise<T>, options?: RetryOptions): Promise<T> {
  return withTransactionRetry(() => db.transaction(work), options);
}
