/**
 * The "platform" of the demo-shop fixture plugin: a tiny HTTP server on 127.0.0.1 that accepts one
 * token. GET /shops/:shop/verify → 200 with the good token, 401 otherwise; POST /stock → 200.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export const GOOD_TOKEN = 'shpat_test_good_0123456789';
export const BAD_TOKEN = 'shpat_test_revoked_9876543210';

export interface FixturePlatform {
  baseUrl: string;
  requests: Array<{ method: string; url: string; authorization?: string }>;
  close(): Promise<void>;
}

export async function startFixturePlatform(): Promise<FixturePlatform> {
  const requests: FixturePlatform['requests'] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
    const ok = req.headers.authorization === `Bearer ${GOOD_TOKEN}`;
    if (!ok) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: 'Invalid API key or access token' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
