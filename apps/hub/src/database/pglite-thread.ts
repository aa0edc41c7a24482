/**
 * The embedded database on a thread of its own (issue 10). PGlite is PostgreSQL compiled to WebAssembly: in the
 * hub's thread, every statement's parsing, planning and execution ran between the hub's own JavaScript (a
 * 1 000-store change: 19 of 46 s of the hub's CPU), so on a machine with a second core the embedded hub used one
 * while PostgreSQL's hub used two. Here a worker thread (pglite-thread-worker.ts) opens the data directory and
 * runs the statements; the hub posts each one and awaits its answer. Each of the pool's clients is numbered and
 * the thread keeps an open transaction's statements together (pglite-thread-worker.ts), so a client holds no lock
 * while its answer crosses back: the database goes on with the next caller's statement meanwhile.
 *
 * The thread holds the process open only while a statement is outstanding (like a socket with a request in
 * flight), so the hub exits when it has nothing else to do. If the thread dies, every outstanding and later
 * statement fails with why.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Logger } from '@nestjs/common';
import { types, type Results } from '@electric-sql/pglite';
import type { ArrayType, EmbeddedClient, EmbeddedSession } from './embedded-session';
import { PGliteNamedStatements, type Parsers, type ProtocolSession } from './pglite-named-statements';
import { fromThreadError, type ProtocolAnswer, type ThreadAnswer, type ThreadRequest, type ThreadStart } from './pglite-thread-protocol';

type Outstanding = { resolve: (result: unknown) => void; reject: (error: Error) => void; ran?: (ms: number) => void };
type Request = ThreadRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

const SCRIPT = 'pglite-thread-worker.js';

/**
 * The compiled thread script: beside this module when the hub runs built; when it runs from its TypeScript
 * sources (the tests), the package's build of it. Undefined when there is none: the caller opens in-process.
 */
export function pgliteThreadScript(): string | undefined {
  const beside = path.join(__dirname, SCRIPT);
  if (fs.existsSync(beside)) return beside;
  const built = path.resolve(__dirname, '..', '..', 'dist', 'database', SCRIPT);
  return fs.existsSync(built) ? built : undefined;
}

/** Starts the thread and waits until it has opened the data directory (its error if it could not). */
export async function openPGliteThread(dataDir: string, named: boolean, script: string): Promise<EmbeddedSession> {
  const start: ThreadStart = { dataDir };
  const worker = new Worker(script, { workerData: start });
  const arrayTypes = await new Promise<ArrayType[]>((resolve, reject) => {
    const onMessage = (answer: ThreadAnswer) => {
      if (answer.kind !== 'ready' && answer.kind !== 'failed') return;
      settle();
      if (answer.kind === 'ready') resolve(answer.arrayTypes);
      else reject(fromThreadError(answer.error));
    };
    const onError = (error: Error) => {
      settle();
      reject(error);
    };
    const onExit = (code: number) => onError(new Error(`the embedded database's thread exited (code ${code}) while opening ${dataDir}`));
    const settle = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
  return new PGliteThread(worker, named ? arrayTypes : undefined);
}

class PGliteThread implements EmbeddedSession {
  readonly runsOn = 'database thread';
  private nextId = 1;
  private nextClient = 1;
  private readonly outstanding = new Map<number, Outstanding>();
  /** Set once the thread is gone (closed, crashed or exited): every later statement fails with it. */
  private gone: Error | undefined;
  private closing = false;
  private readonly exited: Promise<void>;
  /** Named statements: prepared and bound here, their protocol messages run there (pglite-named-statements.ts). */
  private readonly named: PGliteNamedStatements | undefined;
  private readonly serializers: ProtocolSession['serializers'] = { ...(types.serializers as ProtocolSession['serializers']) };
  private readonly parsers: Parsers = { ...types.parsers };

  constructor(
    private readonly worker: Worker,
    arrayTypes: ArrayType[] | undefined,
  ) {
    if (arrayTypes) {
      // What PGlite does for its own instance when it opens (its array types read from pg_type).
      for (const { oid, typarray } of arrayTypes) {
        this.serializers[typarray] = (x) => types.arraySerializer(x, this.serializers[oid], typarray) as string;
        this.parsers[typarray] = (x: string) => types.arrayParser(x, this.parsers[oid], typarray) as unknown;
      }
      this.named = new PGliteNamedStatements(this.protocolOf(0));
    }
    worker.on('message', (answer: ThreadAnswer) => this.answered(answer));
    worker.on('error', (error: Error) => this.lost(new Error(`the embedded database's thread failed: ${error.message}`)));
    this.exited = new Promise((resolve) =>
      worker.once('exit', (code) => {
        this.lost(new Error(`the embedded database's thread exited (code ${code})`));
        resolve();
      }),
    );
    worker.unref();
  }

  get closed(): boolean {
    return this.closing || this.gone !== undefined;
  }

  client(): EmbeddedClient {
    const client = this.nextClient++;
    // The database's own time for the client's current call, queueing behind other clients' statements excluded.
    let ranMs = 0;
    const ran = (ms: number) => (ranMs += ms);
    const wire = this.named ? this.protocolOf(client, ran) : undefined;
    return {
      get ranMs() {
        return ranMs;
      },
      query: async (text, params) => {
        ranMs = 0;
        return (
          (wire && (await this.named!.query(text, params, wire))) || this.request<Results>({ kind: 'query', client, text, params }, ran)
        );
      },
      exec: (text) => {
        ranMs = 0;
        return this.request<Results[]>({ kind: 'exec', client, text }, ran);
      },
      release: () => {
        if (!this.closed) this.worker.postMessage({ id: 0, kind: 'release', client } satisfies ThreadRequest);
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    const closed = this.request<null>({ kind: 'close', client: 0 });
    this.closing = true;
    await closed;
    await this.exited;
  }

  /** A client's way to the session for its named statements: messages run there, their rows parsed here as PGlite would. */
  private protocolOf(client: number, ran?: (ms: number) => void): ProtocolSession {
    let inTransaction = false;
    return {
      run: async (message) => {
        const answer = await this.request<ProtocolAnswer>({ kind: 'protocol', client, message }, ran);
        inTransaction = answer.inTransaction;
        if (answer.error) throw fromThreadError(answer.error);
        return answer.messages;
      },
      inTransaction: () => inTransaction,
      serializers: this.serializers,
      parsers: this.parsers,
    };
  }

  private request<T>(request: Exclude<Request, { kind: 'release' }>, ran?: (ms: number) => void): Promise<T> {
    if (this.closing) return Promise.reject(new Error('the embedded database is closed'));
    if (this.gone) return Promise.reject(this.gone);
    const id = this.nextId++;
    if (this.outstanding.size === 0) this.worker.ref();
    return new Promise<T>((resolve, reject) => {
      this.outstanding.set(id, { resolve: resolve as (result: unknown) => void, reject, ran });
      this.worker.postMessage({ ...request, id } as ThreadRequest);
    });
  }

  private answered(answer: ThreadAnswer): void {
    if (!('id' in answer)) return;
    const waiting = this.outstanding.get(answer.id);
    if (!waiting) return;
    this.outstanding.delete(answer.id);
    if (this.outstanding.size === 0) this.worker.unref();
    waiting.ran?.(answer.ms);
    if (answer.kind === 'result') waiting.resolve(answer.result);
    else waiting.reject(fromThreadError(answer.error));
  }

  private lost(reason: Error): void {
    // Closing ends the thread too; anything else leaves the hub without its database: every statement fails with why.
    if (!this.closing && !this.gone)
      new Logger('Database').error(`${reason.message}: the embedded database is unavailable until the hub restarts`);
    this.gone ??= reason;
    for (const waiting of this.outstanding.values()) waiting.reject(this.gone);
    this.outstanding.clear();
  }
}
