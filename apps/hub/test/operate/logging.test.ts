/**
 * The hub's log lines (pino through nestjs-pino and pino-http), read back as the hub wrote them: JSON
 * lines; a request id on every request line (the caller's x-request-id when sane, else a new UUID,
 * answered in x-request-id), also on lines logged before routing; Authorization and credential fields
 * redacted by the logger's own paths; the store and run ids on every line of a sync run.
 */
import { Writable } from 'node:stream';
import type { RunningSimulator } from '@stock-sync/plugin-testkit';
import { createHubPino, REDACTED } from '../../src/logging/hub-pino';
import { SyncWorker } from '../../src/sync/sync-worker';
import { createPlatformStore, linkVariants, pod, postStock, putCatalog, Q, qty } from '../e2e/support/e2e-scenario';
import { builtPlatforms, PLUGINS_DIR, ref, startPlatform } from '../e2e/support/platforms';
import { waitFor } from '../e2e/support/sync-hub';
import { startOperateHub, type OperateHub } from './support/operate-hub';

jest.setTimeout(120_000);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** The one line pino-http writes when a request is answered. */
const requestLines = (hub: OperateHub, id: string) => hub.logs.filter((l) => l.requestId === id && l.msg === 'request completed');

describe('log lines [pglite]', () => {
  let hub: OperateHub;
  let sim: RunningSimulator<unknown> | undefined;
  let woo: RunningSimulator<unknown> | undefined;
  beforeAll(async () => {
    hub = await startOperateHub('pglite', { HUB_LOG_LEVEL: 'verbose', HUB_PLUGINS_DIR: PLUGINS_DIR, HUB_NOTICES_SUBSCRIBE: 'on' });
  });
  afterAll(async () => {
    await sim?.close();
    await woo?.close();
    await hub?.stop();
  });

  it('logs each request once as JSON with the caller’s request id, answered back in x-request-id', async () => {
    const res = await hub.get('/v1/facilities').set('x-request-id', 'req-ops-42').expect(200);
    expect(res.headers['x-request-id']).toBe('req-ops-42');
    const [line, ...more] = requestLines(hub, 'req-ops-42');
    expect(more).toHaveLength(0);
    expect(line).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { method: 'GET', path: '/v1/facilities' },
      res: { statusCode: 200 },
    });
    expect(line!.time).toEqual(expect.any(String));
    // Lines logged while handling it (its SQL statement, at verbose) carry the same id.
    expect(hub.logs.filter((l) => l.requestId === 'req-ops-42' && l.context === 'Database').length).toBeGreaterThan(0);
  });

  it('makes up a UUID when the caller sends none or an unusable one', async () => {
    for (const given of [undefined, 'has spaces in it', 'x'.repeat(200)]) {
      const req = hub.get('/v1/facilities');
      const res = await (given ? req.set('x-request-id', given) : req).expect(200);
      expect(res.headers['x-request-id']).toMatch(UUID);
      expect(requestLines(hub, res.headers['x-request-id'] as string)).toHaveLength(1);
    }
  });

  it('redacts the Authorization header, and lines logged before routing carry the request id', async () => {
    const token = 'hub_wrong_token_that_must_not_be_logged';
    await hub.raw().get('/v1/stores?state=x').set('Authorization', `Bearer ${token}`).set('x-request-id', 'req-refused-1').expect(401);
    const [line] = requestLines(hub, 'req-refused-1');
    expect(line).toMatchObject({ level: 40, res: { statusCode: 401 }, req: { path: '/v1/stores', headers: { authorization: REDACTED } } });
    // The auth check's own warning, logged before Nest routes the request.
    expect(hub.logs.find((l) => l.event === 'auth_refused' && l.requestId === 'req-refused-1')).toMatchObject({ level: 40, status: 401 });
    expect(JSON.stringify(hub.logs)).not.toContain(token);
  });

  it('redacts credential fields by the logger’s own paths', () => {
    const lines: string[] = [];
    const logger = createHubPino(
      { logLevel: 'log', logPretty: false },
      new Writable({
        write(chunk: Buffer, _e, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    logger.info(
      {
        credentials: { accessToken: 'shpat_secret_1' },
        store: { token: 'tok_secret_2', clientSecret: 'cs_secret_3' },
        password: 'pw_secret_4',
      },
      'x',
    );
    const [line] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(line).toMatchObject({ credentials: REDACTED, store: { token: REDACTED, clientSecret: REDACTED }, password: REDACTED });
    expect(lines.join('')).not.toMatch(/secret_\d/);
  });

  (builtPlatforms().includes('shopify') ? it : it.skip)('puts the store and run ids on every line logged during a sync run', async () => {
    sim = await startPlatform('shopify');
    const base = 93_000;
    sim.seed([{ productId: String(base), variants: [{ variantId: String(base + 1) }] }]);
    await putCatalog(hub, [{ id: base + 1, productId: base, fulfillment: 'pod' }]);
    const storeId = await createPlatformStore(hub, sim, { sellingRegion: 'north_america' });
    await linkVariants(hub, storeId, [{ productId: String(base), variantId: String(base + 1), catalogVariantId: base + 1 }]);
    await postStock(hub, [pod(base + 1, 'US-NC', 'in_stock')]);
    const result = await hub.app.get(SyncWorker).processStore({ storeId });
    if (result.outcome !== 'ran') throw new Error(`expected a run, got ${result.outcome}`);
    const runId = result.runs[0]!.runId;

    const runLines = hub.logs.filter((l) => l.runId === runId);
    // The run's summary event, as fields (not a JSON string in msg)…
    expect(runLines.find((l) => l.event === 'sync_run')).toMatchObject({
      storeId,
      platform: 'shopify',
      status: 'succeeded',
      msg: 'sync_run',
    });
    // …and every other line of the run — its SQL statements (verbose) — with the same ids, from the log context.
    const statements = runLines.filter((l) => l.context === 'Database');
    expect(statements.length).toBeGreaterThan(3);
    for (const l of runLines) expect(l.storeId).toBe(storeId);
  });

  (builtPlatforms().includes('woocommerce') ? it : it.skip)(
    'logs a platform notice that marked nothing (the echo of a write) at debug, one that marked a variant at info',
    async () => {
      woo = await startPlatform('woocommerce');
      const base = 94_000;
      const W = ref(base, base + 1);
      woo.seed([{ productId: String(base), variants: [{ variantId: String(base + 1), initial: Q(1) }] }]);
      await putCatalog(hub, [{ id: base + 1, productId: base, fulfillment: 'warehouse' }]);
      const storeId = await createPlatformStore(hub, woo, { sellingRegion: 'north_america' });
      await linkVariants(hub, storeId, [{ productId: String(base), variantId: String(base + 1), catalogVariantId: base + 1 }]);
      await postStock(hub, [qty(base + 1, 'US-NC', 5)]);
      const result = await hub.app.get(SyncWorker).processStore({ storeId });
      if (result.outcome !== 'ran') throw new Error(`expected a run, got ${result.outcome}`);
      const outbox = (woo.state as { outbox: { settle(): Promise<void> } }).outbox;
      await outbox.settle();
      const notices = () => hub.logs.filter((l) => l.event === 'platform_notice' && l.storeId === storeId);
      const seen = notices().length;
      // The platform showing what the hub last wrote (5): nothing to read back.
      woo.manualEdit(W, Q(5));
      await outbox.settle();
      await waitFor('the echo logged', () => notices().length > seen);
      expect(notices()[seen]).toMatchObject({ level: 20, platform: 'woocommerce', refs: 1, marked: 0 });
      // A merchant's edit: the variant is marked for a read-back.
      woo.manualEdit(W, Q(17));
      await outbox.settle();
      await waitFor('the edit logged', () => notices().length > seen + 1);
      expect(notices()[seen + 1]).toMatchObject({ level: 30, platform: 'woocommerce', refs: 1, marked: 1 });
    },
  );
});
