/**
 * The hub's "public URL" in tests that need to see what platforms deliver: a plain HTTP proxy in front of the
 * hub (HUB_PUBLIC_URL = its origin) that forwards every request unchanged and keeps a copy of each POST to
 * /hooks/… — headers and exact bytes — so a test can replay, tamper with or strip what a simulator signed.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedDelivery {
  path: string;
  headers: Record<string, string>;
  body: Buffer;
  /** The hub's answer. */
  status: number;
}

export interface RecordingProxy {
  origin: string;
  deliveries: RecordedDelivery[];
  /** Where requests go (set once the hub listens). */
  target: { url: string };
  close(): Promise<void>;
}

function flat(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

export async function startRecordingProxy(): Promise<RecordingProxy> {
  const deliveries: RecordedDelivery[] = [];
  const target = { url: '' };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const to = new URL(req.url ?? '/', target.url);
      const headers = { ...flat(req.headers), host: to.host };
      const out = http.request(
        { host: to.hostname, port: Number(to.port), method: req.method, path: `${to.pathname}${to.search}`, headers, agent: false },
        (answer) => {
          if (req.method === 'POST' && (req.url ?? '').startsWith('/hooks/')) {
            deliveries.push({ path: req.url ?? '', headers: flat(req.headers), body, status: answer.statusCode ?? 0 });
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      out.on('error', () => res.writeHead(502).end());
      out.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, deliveries, target, close: () => new Promise<void>((r) => server.close(() => r())) };
}
