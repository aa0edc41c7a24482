/** Auth, the User-Agent rule and the rate-limit signals, over real HTTP and through the classifier. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthError, RateLimited } from '@stock-sync/plugin-api';
import { declaredSignalsPauseMs } from '@stock-sync/plugin-sdk';
import { useSimulator } from '@stock-sync/plugin-testkit/contract';
import { manifest } from '../src/manifest';
import { classifyNuvemshopResponse } from '../src/nuvemshop-api';
import { call, connect, product, refsOf, startNuvemSimulator } from './support/store';

const sim = useSimulator(startNuvemSimulator);

it("sends the platform's Authentication header and a User-Agent naming the app and contact", async () => {
  // A bare loopback server records what the plugin really sends.
  const seen: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  try {
    await connect(sim, { baseUrl: `http://127.0.0.1:${port}`, contact: 'ops@example.com' }).verify();
  } finally {
    await new Promise((r) => server.close(r));
  }
  expect(seen[0].authentication).toBe(`bearer ${sim.credentials.accessToken}`);
  expect(seen[0]['user-agent']).toBe('StockSyncHub (ops@example.com)');
});

it('the simulator enforces the User-Agent and accepts the Authorization spelling too', async () => {
  const path = `/2025-03/${sim.credentials.storeId}/products`;
  const noUa = await call(sim, 'GET', path, undefined, { 'user-agent': '' });
  expect(noUa.status).toBe(400);
  const authorization = await call(sim, 'GET', path, undefined, {
    authentication: undefined,
    authorization: `Bearer ${sim.credentials.accessToken}`,
  });
  expect(authorization.status).toBe(200);
  const none = await call(sim, 'GET', path, undefined, { authentication: undefined });
  expect(none).toMatchObject({ status: 401, body: { code: 401, message: 'Unauthorized' } });
});

it('a token of another store is refused: AuthError, no token in the message', async () => {
  const conn = connect(sim, { storeId: '999' });
  const err = await conn.verify().catch((e) => e);
  expect(err).toBeInstanceOf(AuthError);
  expect(JSON.stringify({ m: err.message, d: err.details })).not.toContain(sim.credentials.accessToken);
});

it('a 429 waits x-rate-limit-reset before the retry, then writes', async () => {
  const p = product(100, 1, 1);
  sim.seed([p]);
  sim.faults.rateLimit(1, 1);
  const started = Date.now();
  const out = await connect(sim).writeStock([{ ...refsOf(p)[0], target: { kind: 'out_of_stock' } }]);
  expect(out[0].status).toBe('written');
  const [throttled, ok] = sim.requests;
  expect(throttled.status).toBe(429);
  expect(ok.at - throttled.at).toBeGreaterThanOrEqual(950);
  expect(Date.now() - started).toBeGreaterThanOrEqual(950);
});

it('every answer carries the documented x-rate-limit headers', async () => {
  const res = await call(sim, 'GET', `/2025-03/${sim.credentials.storeId}/products`);
  // Present and numeric: Number(null) is 0, so a missing header must fail here, not pass as 0.
  const remaining = res.headers.get('x-rate-limit-remaining');
  const reset = res.headers.get('x-rate-limit-reset');
  expect(res.headers.get('x-rate-limit-limit')).toBe('40');
  expect(remaining).toMatch(/^\d+$/);
  expect(Number(remaining)).toBeGreaterThan(30);
  expect(Number(remaining)).toBeLessThanOrEqual(40);
  expect(reset).toMatch(/^\d+$/);
  // ms until the bucket is empty: at most 40 leaks of 500 ms.
  expect(Number(reset)).toBeLessThanOrEqual(20_000);
});

describe('classifier', () => {
  const res = (status: number, headers: Record<string, string> = {}, data: unknown = {}) => ({ status, headers, data });

  it('reads a 429 as RateLimited for x-rate-limit-reset ms (never under one leak)', () => {
    const v = classifyNuvemshopResponse(res(429, { 'x-rate-limit-reset': '4000' }));
    expect(v?.error).toBeInstanceOf(RateLimited);
    expect((v?.error as RateLimited).retryAfterMs).toBe(4000);
    expect((classifyNuvemshopResponse(res(429))?.error as RateLimited).retryAfterMs).toBe(500);
  });

  it('pauses one leak when the bucket is full, on any answer (declared in the manifest, read by the SDK client)', () => {
    const signals = manifest.rateLimit.signals!;
    expect(declaredSignalsPauseMs(res(200, { 'x-rate-limit-remaining': '0' }), signals)).toBe(500);
    expect(declaredSignalsPauseMs(res(422, { 'x-rate-limit-remaining': '0' }), signals)).toBe(500);
    expect(declaredSignalsPauseMs(res(200, { 'x-rate-limit-remaining': '12' }), signals)).toBeUndefined();
    expect(classifyNuvemshopResponse(res(200, { 'x-rate-limit-remaining': '0' }))).toBeUndefined();
  });

  it('treats 402 Payment Required (store or app unpaid) as an AuthError the merchant must fix', () => {
    const v = classifyNuvemshopResponse(res(402, {}, { code: 402, message: 'Payment Required', description: null }));
    expect(v?.error).toBeInstanceOf(AuthError);
    expect(v?.error?.message).toMatch(/402/);
  });
});
