/**
 * The HTTP side shared by startSimulator and startMultiTenantSimulator: a node server on loopback that turns
 * each request into a SimRequest, hands it to the caller and writes the SimResponse; and the cancellable
 * sleeps (injected delays, latency) that close() must not leave running.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody, toSimRequest } from './parse-request';
import type { SimRequest, SimResponse } from './types';

export function writeResponse(res: ServerResponse, r: SimResponse): void {
  const headers: Record<string, string> = { ...(r.headers ?? {}) };
  const hasType = Object.keys(headers).some((k) => k.toLowerCase() === 'content-type');
  let payload = '';
  if (r.body !== undefined) {
    if (typeof r.body === 'string' && hasType) payload = r.body;
    else {
      payload = JSON.stringify(r.body);
      if (!hasType) headers['content-type'] = 'application/json; charset=utf-8';
    }
  }
  res.writeHead(r.status, headers);
  res.end(payload);
}

export interface Sleeper {
  wait(ms: number): Promise<void>;
  /** Clears every pending sleep (their promises never settle: the server is going away). */
  clear(): void;
}

export function createSleeper(): Sleeper {
  const timers = new Set<NodeJS.Timeout>();
  return {
    wait(ms) {
      if (ms <= 0) return Promise.resolve();
      return new Promise((resolve) => {
        const t = setTimeout(() => {
          timers.delete(t);
          resolve();
        }, ms);
        timers.add(t);
      });
    },
    clear() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}

export interface SimServer {
  /** http://<host>:<port> */
  url: string;
  close(): Promise<void>;
}

/** Listens on `host:port` (default 127.0.0.1:0) and answers every request with `answer`. */
export async function listenSimServer(
  answer: (req: SimRequest) => Promise<SimResponse>,
  opts: { port?: number; host?: string } = {},
): Promise<SimServer> {
  const server = createServer((req, res) => {
    (async () => {
      let raw: string;
      try {
        raw = await readBody(req);
      } catch {
        writeResponse(res, { status: 413, body: { error: 'body too large' } });
        return;
      }
      let r: SimResponse;
      try {
        r = await answer(toSimRequest(req, raw));
      } catch (e) {
        r = { status: 500, body: { error: e instanceof Error ? e.message : 'simulator failed' } };
      }
      if (!res.destroyed) writeResponse(res, r);
    })().catch(() => {
      if (!res.headersSent) writeResponse(res, { status: 500, body: { error: 'simulator failed' } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
