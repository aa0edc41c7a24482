/**
 * The level of each request's access line (pino-http): an accepted platform notice (202 on POST /hooks/…)
 * at debug — its `platform_notice` line says what came — and every other answer at info, warn (4xx) or
 * error (5xx), refused notices included. Real HTTP through node:http, the hub's own request logging.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createHubPino } from '../../src/logging/hub-pino';
import { requestLogging } from '../../src/logging/request-logging';

interface Line {
  level: number;
  msg: string;
  requestId?: string;
  responseTime?: number;
  err?: { message: string };
  req?: { id: string; method: string; path: string; headers: Record<string, string> };
  res?: { statusCode: number };
}

describe('request access lines by level', () => {
  const lines: Line[] = [];
  let server: Server;
  let base = '';

  beforeAll(async () => {
    // The hub's own logger (its redaction), at its most verbose level.
    const logger = createHubPino(
      { logLevel: 'verbose', logPretty: false },
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

  const lineOf = async (method: string, path: string, headers: Record<string, string> = {}): Promise<Line> => {
    lines.length = 0;
    await fetch(`${base}${path}`, { method, headers, body: method === 'POST' ? '{}' : undefined });
    for (let i = 0; i < 50 && lines.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    // One line per answer ('request completed', or 'request errored' for a 5xx).
    const [line, ...more] = lines.filter((l) => l.res !== undefined);
    expect(more).toHaveLength(0);
    expect(line!.req!.path).toBe(path.split('?')[0]);
    return line!;
  };
  const levelOf = async (method: string, path: string) => (await lineOf(method, path)).level;

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

  it("writes a notice's line (its own lean path) in the shape pino-http writes every other request's", async () => {
    const shape = (l: Line) => ({
      keys: Object.keys(l).sort(),
      req: Object.keys(l.req!).sort(),
      id: l.req!.id === l.requestId,
      time: typeof l.responseTime,
      msg: l.msg,
    });
    const headers = { 'x-request-id': 'req-shape-1', 'x-api-key': 'secret-key-never-logged' };
    const notice = await lineOf('POST', '/hooks/woocommerce/store-1/status/401?x=1', headers);
    const other = await lineOf('POST', '/v1/stores/status/401?x=1', headers);
    expect(notice.requestId).toBe('req-shape-1');
    expect(shape(notice)).toEqual(shape(other));
    expect(notice.req!.headers['x-api-key']).toBe('[redacted]');
    expect(JSON.stringify(lines)).not.toContain('secret-key-never-logged');
    const failed = await lineOf('POST', '/hooks/woocommerce/store-1/status/500');
    const failedOther = await lineOf('POST', '/v1/stores/status/500');
    expect(failed).toMatchObject({ msg: 'request errored', err: { message: 'failed with status code 500' } });
    expect(shape(failed)).toEqual(shape(failedOther));
  });
});
