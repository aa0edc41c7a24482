/**
 * The level of each request's access line (pino-http): an accepted platform notice (202 on POST /hooks/…)
 * at debug — its `platform_notice` line says what came — and every other answer at info, warn (4xx) or
 * error (5xx), refused notices included. Real HTTP through node:http, the hub's own request logging.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { requestLogging } from '../../src/logging/request-logging';

interface Line {
  level: number;
  msg: string;
  req?: { method: string; path: string };
  res?: { statusCode: number };
}

describe('request access lines by level', () => {
  const lines: Line[] = [];
  let server: Server;
  let base = '';

  beforeAll(async () => {
    const logger = pino(
      { level: 'trace' },
      new Writable({
        write(chunk: Buffer, _e, done) {
          lines.push(JSON.parse(chunk.toString()) as Line);
          done();
        },
      }),
    );
    const log = requestLogging(logger);
    // The answer each test asks for, by path: /status/NNN answers NNN.
    server = createServer((req, res) => {
      log(req, res);
      const status = Number(/\/status\/(\d{3})/.exec(req.url ?? '')?.[1] ?? 200);
      req.resume();
      req.on('end', () => res.writeHead(status).end());
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });

  const levelOf = async (method: string, path: string): Promise<number> => {
    lines.length = 0;
    await fetch(`${base}${path}`, { method, body: method === 'POST' ? '{}' : undefined });
    for (let i = 0; i < 50 && lines.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    // pino-http's one line per answer ('request completed', or 'request errored' for a 5xx).
    const [line, ...more] = lines.filter((l) => l.res !== undefined);
    expect(more).toHaveLength(0);
    expect(line!.req!.path).toBe(path.split('?')[0]);
    return line!.level;
  };

  it('logs an accepted platform notice at debug', async () => {
    expect(await levelOf('POST', '/hooks/woocommerce/store-1/status/202')).toBe(20);
    expect(await levelOf('POST', '/hooks/ecwid/status/202')).toBe(20);
  });

  it('keeps refused notices, and a notice answered otherwise, at warn, error or info', async () => {
    expect(await levelOf('POST', '/hooks/woocommerce/store-1/status/401')).toBe(40);
    expect(await levelOf('POST', '/hooks/woocommerce/store-1/status/400')).toBe(40);
    expect(await levelOf('POST', '/hooks/woocommerce/store-1/status/500')).toBe(50);
    // A ping or an uninstall (200) has no platform_notice line of its own.
    expect(await levelOf('POST', '/hooks/ecwid/status/200')).toBe(30);
  });

  it('logs every other request at info, whatever its path', async () => {
    expect(await levelOf('POST', '/v1/facility-stock/status/202')).toBe(30);
    expect(await levelOf('GET', '/hooks/woocommerce/store-1/status/202')).toBe(30);
    expect(await levelOf('GET', '/v1/facilities/status/200')).toBe(30);
  });
});
