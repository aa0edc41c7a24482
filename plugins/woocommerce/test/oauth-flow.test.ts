/**
 * The key-callback flow end to end against the WooCommerce simulator, as the hub runs it: the consent URL → the
 * store POSTs the keys to the hub's callback (a loopback receiver here) → the browser is sent to return_url → the
 * posted request read by the plugin (readState, exchange) → a connection that verifies and writes. Also: a denial,
 * a callback answering other than 200 (the store deletes the key), the https rule, a read-only key, revocation.
 * (The testkit's generic OAuth contract expects a code in a redirect; WooCommerce posts keys instead.)
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { authorizeUrl, createHttpClient } from '@stock-sync/plugin-sdk';
import type { InboundRequest } from '@stock-sync/plugin-api';
import { connectAsHub, recordingLogger } from '@stock-sync/plugin-testkit/contract';
import { denyConsent, startSimulator } from '@stock-sync/plugin-testkit/simulator';
import { evidence, expectSameShape } from '@stock-sync/plugin-testkit/evidence';
import type { Evidence } from '@stock-sync/plugin-testkit/evidence';
import { plugin } from '../src';
import { issuedKeysOf, SIM_OAUTH_APP, simulator } from '../src/simulator';
import { product, refsOf, type WooSim } from './support/store';

const doc = (name: string): Evidence => evidence(join(__dirname, 'evidence'), name);
/** Product 10 with variations 101 and 102, 3 in stock each. */
const SEEDED = product('10', 101, 2, { kind: 'quantity', quantity: 3 });
const oauth = plugin.oauth!;

interface Receiver {
  url: string;
  posts: InboundRequest[];
  status: number;
  close(): Promise<void>;
}

/** The hub's callback route, reduced to what WooCommerce needs: it records the POST and answers `status`. */
async function startReceiver(): Promise<Receiver> {
  const posts: InboundRequest[] = [];
  const r = { posts, status: 200 } as Receiver;
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      let body: unknown;
      try {
        body = JSON.parse(rawBody.toString('utf8'));
      } catch {
        body = undefined;
      }
      posts.push({ method: req.method ?? '', query: {}, headers, rawBody, body });
      res.writeHead(r.status, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth/callback/woocommerce`;
  r.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return r;
}

let sim: WooSim;
let hub: Receiver;
beforeEach(async () => {
  sim = await startSimulator(simulator);
  sim.seed([SEEDED]);
  hub = await startReceiver();
});
afterEach(async () => {
  await hub.close();
  await sim.close();
});

const app = { ...SIM_OAUTH_APP };
async function openConsent(state = 'St4te_abc', redirectUri = hub.url, query: Record<string, string> = {}): Promise<Response> {
  const url = new URL(authorizeUrl(oauth, { app, inputs: { siteUrl: sim.baseUrl }, redirectUri, state }));
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return fetch(url, { redirect: 'manual' });
}
const exchangeCtx = (callback: InboundRequest) => {
  const log = recordingLogger();
  return {
    app,
    inputs: { siteUrl: sim.baseUrl },
    redirectUri: hub.url,
    callback,
    http: createHttpClient({ rateLimit: plugin.manifest.rateLimit, log, maxAttempts: 1 }),
    log,
  };
};

it('approval: the store posts the documented keys JSON to the callback, then sends the browser to return_url?success=1 (oauth-keys-callback, oauth-authorize)', async () => {
  const res = await openConsent();
  expect(res.status).toBe(302);
  const back = new URL(res.headers.get('location')!);
  expect(`${back.origin}${back.pathname}`).toBe(hub.url);
  expect(Object.fromEntries(back.searchParams)).toEqual({ success: '1', user_id: 'St4te_abc' });
  expect(hub.posts).toHaveLength(1);
  const posted = hub.posts[0];
  expect(posted.headers['content-type']).toBe('application/json;charset=UTF-8');
  const documented = doc('oauth-keys-callback').request!.body as Record<string, unknown>;
  expectSameShape({ ...(posted.body as object), user_id: 0 }, { ...documented, user_id: 0 }, 'oauth-keys-callback');
  expect(oauth.readState!(posted)).toBe('St4te_abc');

  const store = await oauth.exchange!(exchangeCtx(posted));
  expect(store.externalStoreId).toBe(sim.baseUrl);
  const conn = connectAsHub(plugin, store.credentials).connection;
  await conn.verify();
  const [ref] = refsOf(SEEDED);
  expect((await conn.writeStock([{ ...ref, target: { kind: 'quantity', quantity: 7 } }]))[0].status).toBe('written');
  expect(sim.stock(ref)).toEqual({ kind: 'quantity', quantity: 7 });
});

it('denial: the browser goes to return_url?success=0 and nothing is posted (oauth-authorize-denied)', async () => {
  denyConsent(sim);
  const res = await openConsent();
  const back = new URL(res.headers.get('location')!);
  expect(Object.fromEntries(back.searchParams)).toEqual({ success: '0', user_id: 'St4te_abc' });
  expect(hub.posts).toHaveLength(0);
  const asHubReceivesIt: InboundRequest = {
    method: 'GET',
    query: Object.fromEntries(back.searchParams),
    headers: {},
    rawBody: Buffer.alloc(0),
    body: undefined,
  };
  expect(oauth.readState!(asHubReceivesIt)).toBe('St4te_abc');
  await expect(oauth.exchange!(exchangeCtx(asHubReceivesIt))).rejects.toThrow(/denied/);
});

it('a callback answering other than 200: the store deletes the key and shows an error, no redirect', async () => {
  hub.status = 500;
  const res = await openConsent();
  expect(res.status).toBe(401);
  expect(res.headers.get('location')).toBeNull();
  expect(await res.text()).toMatch(/unable to send the consumer data/);
  expect(issuedKeysOf(sim.state).size).toBe(0);
});

it('refuses a callback_url that is not https (off loopback) and a missing parameter, with WordPress’s 401 page', async () => {
  const res = await openConsent('s', 'http://hub.example.test/oauth/callback/woocommerce');
  expect(res.status).toBe(401);
  expect(await res.text()).toMatch(/callback_url needs to be over SSL/);
  const url = new URL(authorizeUrl(oauth, { app, inputs: { siteUrl: sim.baseUrl }, redirectUri: hub.url, state: 's' }));
  url.searchParams.delete('app_name');
  const missing = await fetch(url, { redirect: 'manual' });
  expect(missing.status).toBe(401);
  expect(await missing.text()).toMatch(/Missing parameter app_name/);
});

it('a read-only key reads but may not write; the plugin refuses to keep one', async () => {
  await openConsent('s', hub.url, { scope: 'read' });
  const posted = hub.posts[0];
  expect((posted.body as Record<string, unknown>).key_permissions).toBe('read');
  await expect(oauth.exchange!(exchangeCtx(posted))).rejects.toThrow(/read_write/);
  const { consumer_key: key, consumer_secret: secret } = posted.body as Record<string, string>;
  const conn = connectAsHub(plugin, { siteUrl: sim.baseUrl, consumerKey: key, consumerSecret: secret }).connection;
  const [ref] = refsOf(SEEDED);
  expect((await conn.readStock([ref]))[0].status).toBe('found');
  const [w] = await conn.writeStock([{ ...ref, target: { kind: 'out_of_stock' } }]);
  expect(w.status).toBe('failed');
});

it('the owner revoking the keys: the next call is an AuthError', async () => {
  await openConsent();
  const store = await oauth.exchange!(exchangeCtx(hub.posts[0]));
  sim.faults.revokeCredentials();
  await expect(connectAsHub(plugin, store.credentials).connection.verify()).rejects.toMatchObject({ code: 'auth' });
});
