/**
 * Fields every log line written inside a unit of work carries (the store and run of a sync run): the
 * hub's pino logger reads them through its `mixin`, so code logging inside a run (the executor, the
 * plugin's logger adapter, the database logger) needs no logger of its own. One line at the call site:
 * `withLogContext({ storeId, runId }, () => executor.execute(run, lease))`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface LogContext {
  storeId?: string;
  runId?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

export function withLogContext<T>(fields: LogContext, work: () => T): T {
  return storage.run({ ...storage.getStore(), ...fields }, work);
}

/** The fields of the unit of work running now ({} outside one). */
export function currentLogContext(): LogContext {
  return storage.getStore() ?? {};
}
