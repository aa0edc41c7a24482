import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchParsed, refsOfProduct, seedProduct } from '../src';

describe('seedProduct / refsOfProduct', () => {
  it('numbers variants from the first id, formats ids, keeps the initial stock', () => {
    const p = seedProduct(12, 500, 3, { kind: 'out_of_stock' }, (n) => `sku-${n}`);
    expect(p).toEqual({
      productId: '12',
      variants: [500, 501, 502].map((n) => ({ variantId: `sku-${n}`, initial: { kind: 'out_of_stock' } })),
    });
    expect(refsOfProduct(p)).toEqual([500, 501, 502].map((n) => ({ externalProductId: '12', externalVariantId: `sku-${n}` })));
  });
});

describe('fetchParsed', () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/json') {
        res.writeHead(201, { 'content-type': 'application/json', 'x-seen-method': req.method ?? '' });
        res.end(JSON.stringify({ ok: true }));
      } else {
        res.writeHead(503, { 'content-type': 'text/plain' });
        res.end('down for maintenance');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('parses a JSON answer and keeps status and headers', async () => {
    const res = await fetchParsed(`${base}/json`, { method: 'PUT' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ ok: true });
    expect(res.headers.get('x-seen-method')).toBe('PUT');
  });

  it('keeps a non-JSON answer as text', async () => {
    const res = await fetchParsed(`${base}/other`, { method: 'GET' });
    expect(res.status).toBe(503);
    expect(res.body).toBe('down for maintenance');
  });
});
