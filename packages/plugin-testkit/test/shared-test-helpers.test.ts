// The helpers plugins' own tests share: evidence folders, replay connections, per-test simulators, writes,
// and what runContractSuite's options add.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asHttpResponse, evidenceIn, STORM_SCENARIO, useReplayConnection, useSimulator, writesOf, type RunningSimulator } from '../src';
import { oneVariantNotices, throttledRun } from '../src/contract/suite-companions';
import { startSimulator } from '../src/simulator/start-simulator';
import { tinyshopPlugin } from './fixtures/tinyshop/plugin';
import { tinyshopSimulator, type TinyState } from './fixtures/tinyshop/simulator';

const SAMPLE = join(__dirname, 'fixtures', 'evidence-sample');

describe('evidenceIn', () => {
  const folder = evidenceIn(SAMPLE);

  it('reads a file, its response, and every name', () => {
    expect(folder.dir).toBe(SAMPLE);
    expect(folder.doc('get-item')).toMatchObject({ name: 'get-item', source: 'https://developer.example.com/docs/items#get' });
    expect(folder.response('get-item')).toMatchObject({ status: 200, body: { id: 7 } });
    expect(folder.httpResponse('get-item')).toEqual({ status: 200, headers: {}, data: folder.response('get-item').body });
    expect(folder.names()).toEqual(['get-item']);
  });

  it('each read is a fresh copy', () => {
    (folder.response('get-item').body as { id: number }).id = 8;
    expect(folder.response('get-item').body).toMatchObject({ id: 7 });
  });

  it('names are sorted by name, not by file name, and a file without a response is refused by response()', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evidence-'));
    const file = (name: string, body: object) =>
      writeFileSync(join(dir, `${name}.json`), JSON.stringify({ source: 'https://example.com/doc', read: '2026-12-03', ...body }));
    file('a-b', { response: { status: 200 } });
    file('a', { request: { method: 'GET', path: '/a' } });
    expect(evidenceIn(dir).names()).toEqual(['a', 'a-b']);
    expect(() => evidenceIn(dir).response('a')).toThrow('evidence a: documents no response');
    expect(() => evidenceIn(dir).doc('missing')).toThrow();
  });

  it('asHttpResponse lower-cases header names, as an answer over HTTP has them', () => {
    expect(asHttpResponse({ status: 429, headers: { 'Retry-After': '3', 'x-a': 'b' }, body: [1] })).toEqual({
      status: 429,
      headers: { 'retry-after': '3', 'x-a': 'b' },
      data: [1],
    });
  });
});

describe('useReplayConnection', () => {
  const replay = useReplayConnection(tinyshopPlugin, { token: 'tok', shopName: 'shop' });

  it('connects the plugin to this test’s replay with the credentials, one attempt per request', async () => {
    const c = await replay.connectTo([{ status: 200, body: {} }]);
    await expect(c.verify()).resolves.toBeUndefined();
    expect(replay.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/shop']);
    expect(replay.requests[0].headers['x-tiny-token']).toBe('tok');
    const failing = await replay.connectTo([{ status: 503 }, { status: 200, body: {} }]);
    await expect(failing.verify()).rejects.toBeDefined();
    expect(replay.requests).toHaveLength(1);
  });

  it('connects another plugin when given, and start/baseUrl are the replay’s', async () => {
    let connected = false;
    const other = {
      ...tinyshopPlugin,
      connect: (ctx: Parameters<typeof tinyshopPlugin.connect>[0]) => ((connected = true), tinyshopPlugin.connect(ctx)),
    };
    await replay.connectTo([{ status: 200, body: {} }], other);
    expect(connected).toBe(true);
    const r = await replay.start([{ status: 204 }]);
    expect(replay.baseUrl).toBe(r.baseUrl);
  });
});

describe('useSimulator', () => {
  const started: RunningSimulator<TinyState>[] = [];
  const sim = useSimulator(async () => {
    const s = await startSimulator(tinyshopSimulator);
    started.push(s);
    return s;
  });

  it('stands for this test’s simulator: properties, bound methods, assignment, `in`', () => {
    expect(sim.baseUrl).toBe(started[0].baseUrl);
    const { seed } = sim;
    seed([{ productId: '1', variants: [{ variantId: '2', initial: { kind: 'quantity', quantity: 3 } }] }]);
    expect(started[0].stock({ externalProductId: '1', externalVariantId: '2' })).toEqual({ kind: 'quantity', quantity: 3 });
    (sim as unknown as { extra: number }).extra = 1;
    expect((started[0] as unknown as { extra: number }).extra).toBe(1);
    expect('credentials' in sim).toBe(true);
  });

  it('is a fresh simulator in the next test, the previous one closed', async () => {
    expect(started).toHaveLength(2);
    expect(sim.baseUrl).toBe(started[1].baseUrl);
    await expect(fetch(`${started[0].baseUrl}/api/shop`)).rejects.toThrow();
  });
});

describe('useSimulator before its test', () => {
  const sim = useSimulator(async () => ({ close: async () => {}, x: 1 }));
  let before: unknown;
  beforeAll(() => {
    try {
      before = sim.x;
    } catch (e) {
      before = e;
    }
  });

  it('there is no simulator outside a test', () => {
    expect(before).toEqual(new Error('useSimulator: no simulator is running outside a test'));
    expect(sim.x).toBe(1);
  });
});

it('writesOf gives every ref the same target and previous', () => {
  const refs = [
    { externalProductId: 'p', externalVariantId: 'a' },
    { externalProductId: 'p', externalVariantId: 'b' },
  ];
  expect(writesOf(refs, { kind: 'out_of_stock' })).toEqual([
    { ...refs[0], target: { kind: 'out_of_stock' }, previous: undefined },
    { ...refs[1], target: { kind: 'out_of_stock' }, previous: undefined },
  ]);
  expect(writesOf(refs.slice(1), { kind: 'unlimited' }, { kind: 'quantity', quantity: 1 })).toEqual([
    { ...refs[1], target: { kind: 'unlimited' }, previous: { kind: 'quantity', quantity: 1 } },
  ]);
});

describe("runContractSuite's companions", () => {
  const suite = { plugin: tinyshopPlugin, simulator: tinyshopSimulator, stormRetryAfterSeconds: 1 };

  it('throttledRun: only the storm, without Retry-After, with the suite’s plugin or another', () => {
    expect(throttledRun(suite, { as: 'X documents it', waitMs: 60_000 })).toEqual({
      ...suite,
      throttleWithoutRetryAfter: { waitMs: 60_000 },
      only: [STORM_SCENARIO],
    });
    const other = { ...tinyshopPlugin };
    expect(throttledRun(suite, { as: 'X', waitMs: 1, plugin: other }).plugin).toBe(other);
  });

  it('oneVariantNotices: the variant seeded at 3, edited to 17 unless told', () => {
    expect(oneVariantNotices(suite, { productId: 'p', variantId: 'v', externalStoreId: 's' })).toEqual({
      plugin: tinyshopPlugin,
      simulator: tinyshopSimulator,
      seed: [{ productId: 'p', variants: [{ variantId: 'v', initial: { kind: 'quantity', quantity: 3 } }] }],
      edited: { externalProductId: 'p', externalVariantId: 'v' },
      to: { kind: 'quantity', quantity: 17 },
      externalStoreId: 's',
    });
    expect(oneVariantNotices(suite, { productId: 'p', variantId: 'v', to: { kind: 'out_of_stock' } }).to).toEqual({ kind: 'out_of_stock' });
  });
});
