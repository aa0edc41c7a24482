/**
 * The messages between the hub and its embedded database's thread (pglite-thread.ts, pglite-thread-worker.ts).
 * Everything crosses by structured clone: rows keep their Dates, Uint8Arrays and BigInts as PGlite parsed them.
 */
import type { Results } from '@electric-sql/pglite';
import type { ArrayType } from './embedded-session';
import type { BackendMessage } from './pglite-named-statements';

export interface ThreadStart {
  dataDir: string;
}

/** `client`: which of the hub's callers sent it (its transaction's statements are kept together). */
export type ThreadRequest =
  | { id: number; client: number; kind: 'query'; text: string; params: readonly unknown[] }
  | { id: number; client: number; kind: 'exec'; text: string }
  /** Wire-protocol messages (a named statement's Parse or Bind + Execute + Sync): answered with the backend's messages. */
  | { id: number; client: number; kind: 'protocol'; message: Uint8Array }
  | { id: number; client: number; kind: 'release' }
  | { id: number; client: 0; kind: 'close' };

/**
 * A protocol pass's answer: the backend's messages (their row values still text: the hub parses them, as PGlite's
 * `query` would), or the database error it ended with, and whether the session is in a transaction after it.
 */
export interface ProtocolAnswer {
  messages: BackendMessage[];
  error?: ThreadError;
  inTransaction: boolean;
}

/** A database error's message and its fields (code, detail, constraint…), which a structured clone of an Error drops. */
export interface ThreadError {
  name: string;
  message: string;
  fields: Record<string, string | number>;
}

export type ThreadAnswer =
  /** The instance's array types: the hub builds the same parsers and serializers as PGlite's own. */
  | { kind: 'ready'; arrayTypes: ArrayType[] }
  | { kind: 'failed'; error: ThreadError }
  /** `ms`: how long the thread ran it (its wait in the queue excluded), for the slow-statement warning. */
  | { id: number; kind: 'result'; result: Results | Results[] | ProtocolAnswer | null; ms: number }
  | { id: number; kind: 'error'; error: ThreadError; ms: number };

export function toThreadError(error: unknown): ThreadError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  const fields: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(error)) {
    if (typeof value === 'string' || typeof value === 'number') fields[key] = value;
  }
  return { name: error.name, message: error.message, fields };
}

/** The error as the hub's code reads it: `code`, `detail`, `constraint`… on the error itself, as `pg` gives them. */
export function fromThreadError(error: ThreadError): Error {
  const rebuilt = Object.assign(new Error(error.message), error.fields);
  rebuilt.name = error.name;
  return rebuilt;
}
