/**
 * A local HTTP receiver of platform notices for tests: it plays the hub's notice URL, keeping every delivery
 * (headers flattened to strings, the exact body bytes) and answering as the hub does, 202 {"accepted":true},
 * or with the status a platform's documentation asks for.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedNotice {
  /** The request's path with its query, as the platform called it. */
  path: string;
  /** Lower-case names; a repeated header joined with ', '. */
  headers: Record<string, string>;
  /** The exact bytes received (what a signature covers). */
  body: Buffer;
  /** The body as UTF-8 text. */
  text: string;
}

export interface NoticeReceiverOptions {
  /** The path of the URL handed out (default /hooks/contract/store-1); deliveries to any path are kept. */
  path?: string;
  /** The answer's status (default 202, the hub's). */
  status?: number;
}

export interface NoticeReceiver {
  url: string;
  /** Every delivery so far, in arrival order. */
  deliveries: ReceivedNotice[];
  close(): Promise<void>;
}

function flatHeaders(h: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

export async function startNoticeReceiver(options: NoticeReceiverOptions = {}): Promise<NoticeReceiver> {
  const deliveries: ReceivedNotice[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      deliveries.push({ path: req.url ?? '', headers: flatHeaders(req.headers), body, text: body.toString('utf8') });
      res.writeHead(options.status ?? 202, { 'content-type': 'application/json' }).end('{"accepted":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${options.path ?? '/hooks/contract/store-1'}`;
  return { url, deliveries, close: () => new Promise<void>((r) => server.close(() => r())) };
}
