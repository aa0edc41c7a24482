// connectToSimulator: one way for a plugin's own tests to start, seed and connect to its simulator.
import { connectToSimulator, startSimulator, type RunningSimulator } from '../src';
import * as startSimulatorModule from '../src/simulator/start-simulator';
import { tinyshopPlugin } from './fixtures/tinyshop/plugin';
import { TINY_TOKEN, tinyshopSimulator, type TinyState } from './fixtures/tinyshop/simulator';

const seed = [
  { productId: 'p1', variants: [{ variantId: 'v1', initial: { kind: 'quantity' as const, quantity: 3 } }, { variantId: 'v2' }] },
];
const ref = { externalProductId: 'p1', externalVariantId: 'v1' };

let running: RunningSimulator<TinyState> | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const realStartSimulator = startSimulatorModule.startSimulator;

const isListening = (baseUrl: string) =>
  fetch(`${baseUrl}/__sim/info`).then(
    () => true,
    () => false,
  );

describe('connectToSimulator', () => {
  it('starts a seeded simulator and connects the plugin as the hub does; close() stops the server', async () => {
    const store = await connectToSimulator({ plugin: tinyshopPlugin, simulator: tinyshopSimulator, seed });
    try {
      expect(store.sim.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(store.sim.stock(ref)).toEqual({ kind: 'quantity', quantity: 3 });
      await store.connection.verify();
      const [out] = await store.connection.writeStock([{ ...ref, target: { kind: 'out_of_stock' } }]);
      expect(out.status).toBe('written');
      expect(store.sim.stock(ref)).toEqual({ kind: 'out_of_stock' });
      // The hub's client: the manifest's budget, the secret registered, a recording logger.
      expect(store.http.stats.requests).toBeGreaterThanOrEqual(2);
      expect(store.secrets).toEqual([TINY_TOKEN]);
      expect(Array.isArray(store.log.lines)).toBe(true);
    } finally {
      await store.close();
    }
    expect(await isListening(store.sim.baseUrl)).toBe(false);
  });

  it('retries with a short backoff by default, and takes other client options', async () => {
    const fast = await connectToSimulator({ plugin: tinyshopPlugin, simulator: tinyshopSimulator, seed });
    try {
      fast.sim.faults.serverError(2, 503);
      const started = Date.now();
      const [out] = await fast.connection.writeStock([{ ...ref, target: { kind: 'quantity', quantity: 9 } }]);
      expect(out.status).toBe('written');
      expect(fast.http.stats.retries).toBe(2);
      expect(Date.now() - started).toBeLessThan(5_000); // the hub's backoff would take seconds
    } finally {
      await fast.close();
    }
    const noRetry = await connectToSimulator({
      plugin: tinyshopPlugin,
      simulator: tinyshopSimulator,
      seed,
      httpOptions: { maxAttempts: 1 },
    });
    try {
      noRetry.sim.faults.serverError(1, 503);
      const [out] = await noRetry.connection.writeStock([{ ...ref, target: { kind: 'quantity', quantity: 9 } }]);
      expect(out.status).toBe('failed');
      expect(noRetry.http.stats.retries).toBe(0);
    } finally {
      await noRetry.close();
    }
  });

  it('connects to a running simulator at once, with credential changes, and leaves it open', async () => {
    running = await startSimulator(tinyshopSimulator);
    running.seed(seed);
    const good = connectToSimulator({ plugin: tinyshopPlugin, simulator: running });
    await good.connection.verify();
    const wrong = connectToSimulator({ plugin: tinyshopPlugin, simulator: running, credentials: { token: 'tiny_test_wrong' } });
    await expect(wrong.connection.verify()).rejects.toMatchObject({ name: 'AuthError' });
    expect(wrong.secrets).toEqual(['tiny_test_wrong']);
    await wrong.close();
    expect(await isListening(running.baseUrl)).toBe(true);
  });

  it('validates credentials like the hub unless told not to; a refused connection leaves no server behind', async () => {
    running = await startSimulator(tinyshopSimulator);
    running.seed(seed);
    expect(() => connectToSimulator({ plugin: tinyshopPlugin, simulator: running!, credentials: { shopName: undefined } })).toThrow(
      /shopName is required/,
    );
    // validate: false hands the plugin exactly what was given (no shopName) and the connection works.
    const raw = connectToSimulator({ plugin: tinyshopPlugin, simulator: running, credentials: { shopName: undefined }, validate: false });
    await raw.connection.verify();
    const [out] = await raw.connection.writeStock([{ ...ref, target: { kind: 'quantity', quantity: 5 } }]);
    expect(out.status).toBe('written');
    expect(running.stock(ref)).toEqual({ kind: 'quantity', quantity: 5 });
    expect(raw.http.stats.requests).toBe(2);

    // The simulator started for a refused connection is closed again: catch it as it starts.
    const started: RunningSimulator<TinyState>[] = [];
    const spy = jest.spyOn(startSimulatorModule, 'startSimulator').mockImplementation((async (def: typeof tinyshopSimulator) => {
      const sim = await realStartSimulator(def);
      started.push(sim);
      return sim;
    }) as typeof realStartSimulator);
    try {
      await expect(
        connectToSimulator({ plugin: tinyshopPlugin, simulator: tinyshopSimulator, credentials: { token: '' } }),
      ).rejects.toThrow(/token must not be empty/);
    } finally {
      spy.mockRestore();
    }
    expect(started).toHaveLength(1);
    expect(await isListening(started[0].baseUrl)).toBe(false);
  });

  it('takes a budget other than the manifest’s when a test says so', async () => {
    const store = await connectToSimulator({
      plugin: tinyshopPlugin,
      simulator: tinyshopSimulator,
      seed,
      rateLimit: { requestsPerSecond: 1, burst: 1 },
    });
    try {
      const started = Date.now();
      await store.connection.verify();
      await store.connection.verify();
      await store.connection.verify();
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_500); // 3 calls at 1/s after a burst of 1
    } finally {
      await store.close();
    }
  });
});
