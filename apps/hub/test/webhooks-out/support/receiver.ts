/**
 * A real HTTP receiver on 127.0.0.1 for outbound webhook tests: it records every request (headers and the exact
 * body bytes) and answers what the test scripts — a status per request, or a delay longer than the hub's timeout.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: Record<string, string>;
  body: string;
  json: { type: string; timestamp: string; data: Record<string, unknown> };
  at: number;
  /** What the receiver answered (0: it did not answer in time). */
  answered: number;
}

export type Answer = number | { delayMs: number; status: number };

export interface Receiver {
  url: string;
  received: ReceivedWebhook[];
  /** Answers for the next requests, in order; afterwards `fallback` (default 204). */
  script(answers: Answer[], fallback?: Answer): void;
  /** Answers decided per request from its payload (takes precedence over the script). */
  decide(rule: ((json: ReceivedWebhook['json']) => Answer) | undefined): void;
  /** Requests of one event type, or of one ordering (data.storeId / data.variantId). */
  ofType(type: string): ReceivedWebhook[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: ReceivedWebhook[] = [];
  let queue: Answer[] = [];
  let fallback: Answer = 204;
  let rule: ((json: ReceivedWebhook['json']) => Answer) | undefined;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const json = JSON.parse(body) as ReceivedWebhook['json'];
      const answer = rule ? rule(json) : queue.length ? queue.shift()! : fallback;
      const entry: ReceivedWebhook = {
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        body,
        json,
        at: Date.now(),
        answered: typeof answer === 'number' ? answer : 0,
      };
      received.push(entry);
      const reply = (status: number) => {
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(status < 300 ? 'ok' : 'no');
      };
      if (typeof answer === 'number') reply(answer);
      else setTimeout(() => reply(answer.status), answer.delayMs).unref();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    script(answers, fb = 204) {
      queue = [...answers];
      fallback = fb;
    },
    decide(r) {
      rule = r;
    },
    ofType: (type) => received.filter((r) => r.json.type === type),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls until `check` returns a value (not undefined/false), or fails with `what`. */
export async function eventually<T>(what: string, check: () => T | Promise<T>, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false && value !== null) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
