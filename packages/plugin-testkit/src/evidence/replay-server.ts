/**
 * A loopback server that answers with documented responses (evidence), so the plugin's own parsing —
 * through the real SDK client — is tested on what the platform documents, with no simulator involved.
 * Each request takes the next answer; the last one repeats. Requests are recorded.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EvidenceResponse } from './evidence-file';

export interface ReplayedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface Replay {
  baseUrl: string;
  requests: ReplayedRequest[];
  close(): Promise<void>;
}

export async function startReplay(answers: EvidenceResponse[]): Promise<Replay> {
  if (answers.length === 0) throw new Error('startReplay needs at least one answer');
  const queue = [...answers];
  const requests: ReplayedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://replay');
      requests.push({
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const a = queue.length > 1 ? queue.shift()! : queue[0];
      const body = a.body === undefined ? '' : JSON.stringify(a.body);
      res.writeHead(a.status, { ...(a.body === undefined ? {} : { 'content-type': 'application/json' }), ...(a.headers ?? {}) });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
