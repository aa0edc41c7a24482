/**
 * Redirects are never a success: a write answered 3xx did not happen where it was sent. Only a GET may
 * follow a redirect, to the same origin, at most three hops, and never when requests are signed.
 * Real HTTP against a loopback server.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpClient, Transient, type HttpMethod } from '../src';
import { recordingLogger, startScriptedServer, type ScriptedServer } from './helpers/scripted-server';

const TOKEN = 'tok_fake_redirect_0123456789';
const policy = { requestsPerSecond: 100, burst: 100 };

let server: ScriptedServer;
beforeEach(async () => {
  server = await startScriptedServer();
});
afterEach(async () => {
  await server.close();
});

function client(log = recordingLogger().log) {
  return createHttpClient({ rateLimit: policy, secrets: [TOKEN], baseDelayMs: 5, maxDelayMs: 10, log }).extend({
    baseURL: server.baseUrl + '/api',
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
}

async function failure(p: Promise<unknown>): Promise<Transient> {
  try {
    await p;
  } catch (e) {
    return e as Transient;
  }
  throw new Error('expected the call to fail');
}

describe.each([301, 302, 307, 308])('a %i answer', (status) => {
  it.each<HttpMethod>(['PUT', 'POST'])('to a %s is a Transient error naming the status and Location, sent once', async (method) => {
    server.script([{ status, headers: { Location: `${server.baseUrl}/api/v2/items/1?access_token=${TOKEN}&sig=abc` }, body: '' }]);
    const c = client();
    const err = await failure(c.request({ method, url: '/items/1', body: { quantity: 5 }, idempotent: true }));
    expect(err).toBeInstanceOf(Transient);
    expect(err.message).toContain(`(${status})`);
    expect(err.message).toContain(`${server.baseUrl}/api/v2/items/1`);
    // The query string (tokens, signatures) never reaches the message or details.
    expect(err.message).not.toContain(TOKEN);
    expect(err.message).not.toContain('sig=abc');
    expect(JSON.stringify(err.details)).not.toContain(TOKEN);
    expect(err.details).toMatchObject({ status, location: `${server.baseUrl}/api/v2/items/1?…` });
    // Not followed, not retried in the call: the one write went out once.
    expect(server.received.map((r) => r.method)).toEqual([method]);
    expect(c.stats.requests).toBe(1);
  });

  it('to a GET is followed to the same origin, with the credentials', async () => {
    server.script([
      { status, headers: { Location: '/api/moved/items' } },
      { status: 200, body: { items: [1] } },
    ]);
    const c = client();
    const res = await c.request<{ items: number[] }>({ method: 'GET', url: '/items' });
    expect(res).toMatchObject({ status: 200, data: { items: [1] } });
    expect(server.received.map((r) => r.url)).toEqual(['/api/items', '/api/moved/items']);
    expect(server.received[1].headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(c.stats.requests).toBe(2);
  });
});

describe('GET redirects', () => {
  let other: Server;
  let otherHits: string[];
  let otherUrl: string;
  beforeEach(async () => {
    otherHits = [];
    other = createServer((req, res) => {
      otherHits.push(String(req.headers.authorization ?? ''));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"stolen":true}');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    other.closeAllConnections();
    await new Promise((resolve) => other.close(resolve));
  });

  it('to another origin are not followed (credentials stay home) and fail as Transient', async () => {
    server.script([{ status: 302, headers: { Location: `${otherUrl}/elsewhere` } }]);
    const err = await failure(client().request({ method: 'GET', url: '/items' }));
    expect(err).toBeInstanceOf(Transient);
    expect(err.message).toContain(`(302) to ${otherUrl}/elsewhere`);
    expect(otherHits).toEqual([]);
    expect(server.received).toHaveLength(1);
  });

  it('stop after three hops and fail as Transient', async () => {
    server.script([{ status: 301, headers: { Location: '/api/loop' } }]);
    const c = client();
    const err = await failure(c.request({ method: 'GET', url: '/items' }));
    expect(err).toBeInstanceOf(Transient);
    expect(err.message).toContain('(301)');
    // The first call plus three hops, and no in-call retry of the loop.
    expect(server.received).toHaveLength(4);
  });

  it('without a Location fail as Transient saying so', async () => {
    server.script([{ status: 302 }]);
    const err = await failure(client().request({ method: 'GET', url: '/items' }));
    expect(err).toBeInstanceOf(Transient);
    expect(err.message).toContain('(302) without a Location');
  });

  it('are not followed when requests are signed (the signature covers the old URL)', async () => {
    server.script([
      { status: 307, headers: { Location: '/api/moved' } },
      { status: 200, body: {} },
    ]);
    const signed = client().extend({ sign: (r) => ({ ...r, params: { ...r.params, sign: 'fake' } }) });
    const err = await failure(signed.request({ method: 'GET', url: '/items' }));
    expect(err).toBeInstanceOf(Transient);
    expect(server.received).toHaveLength(1);
  });

  it('a 304 is not a success either', async () => {
    server.script([{ status: 304 }]);
    await expect(client().request({ method: 'GET', url: '/items' })).rejects.toBeInstanceOf(Transient);
  });
});
