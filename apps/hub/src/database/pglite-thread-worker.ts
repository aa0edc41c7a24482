/**
 * The embedded database's thread (worker_threads): opens the data directory and runs the hub's statements one
 * at a time in the order they arrive — except that while a client's transaction is open, only that client's
 * statements run (the others wait their turn, in order). So the hub's callers queue statements here without
 * holding a lock across the thread hop, and the database works through them back to back.
 * pglite-thread.ts is the hub's side.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Results } from '@electric-sql/pglite';
import { inProcessSession, type ArrayType, type InProcessSession } from './embedded-session';
import { openPGlite } from './open-pglite';
import { toThreadError, type ProtocolAnswer, type ThreadAnswer, type ThreadRequest, type ThreadStart } from './pglite-thread-protocol';

const port = parentPort;
if (!port) throw new Error('pglite-thread-worker runs as a worker thread (pglite-thread.ts starts it)');

const post = (answer: ThreadAnswer): void => port.postMessage(answer);

class StatementQueue {
  private readonly waiting: ThreadRequest[] = [];
  /** The client whose transaction is open: only its requests run until it ends. */
  private owner: number | undefined;
  private running = false;

  constructor(private readonly session: InProcessSession) {}

  push(request: ThreadRequest): void {
    this.waiting.push(request);
    void this.drain();
  }

  private next(): ThreadRequest | undefined {
    const i = this.owner === undefined ? 0 : this.waiting.findIndex((r) => r.client === this.owner);
    return i < 0 || i >= this.waiting.length ? undefined : this.waiting.splice(i, 1)[0];
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let request = this.next(); request; request = this.next()) {
        await this.run(request);
        if (request.kind === 'close') return; // nothing runs after it: the hub refuses statements once it asked
        this.owner = this.session.inTransaction() ? request.client : undefined;
      }
    } finally {
      this.running = false;
    }
  }

  private async run(request: ThreadRequest): Promise<void> {
    const client = this.session.client();
    const started = performance.now();
    const ms = () => performance.now() - started;
    try {
      let result: Results | Results[] | ProtocolAnswer | null = null;
      if (request.kind === 'protocol') {
        try {
          result = { messages: await this.session.protocol(request.message), inTransaction: this.session.inTransaction() };
        } catch (error) {
          result = { messages: [], error: toThreadError(error), inTransaction: this.session.inTransaction() };
        }
      } else if (request.kind === 'query') result = await client.query(request.text, request.params);
      else if (request.kind === 'exec') result = await client.exec(request.text);
      else if (request.kind === 'release') {
        // A client gone with its transaction open would hold every other one out: roll it back.
        if (this.owner === request.client && this.session.inTransaction()) await client.exec('ROLLBACK');
        return;
      } else await this.session.close();
      post({ id: request.id, kind: 'result', result, ms: ms() });
      if (request.kind === 'close') port!.close();
    } catch (error) {
      post({ id: request.id, kind: 'error', error: toThreadError(error), ms: ms() });
    }
  }
}

async function serve(): Promise<void> {
  const start = workerData as ThreadStart;
  let session: InProcessSession;
  let arrayTypes: ArrayType[];
  try {
    // Statements that come as text are the ones the hub does not name (past its cap, or naming off): unnamed here.
    session = inProcessSession(await openPGlite(start.dataDir), false);
    arrayTypes = await session.arrayTypes();
  } catch (error) {
    post({ kind: 'failed', error: toThreadError(error) });
    port!.close();
    return;
  }
  const queue = new StatementQueue(session);
  port!.on('message', (request: ThreadRequest) => queue.push(request));
  post({ kind: 'ready', arrayTypes });
}

void serve();
