/**
 * Discovery, stable ports and skipping, over a throw-away plugins directory: a working simulator, a plugin
 * without one, one whose entry throws, one whose port is taken, and a package that is not a plugin.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { discoverPluginPackages } from '@stock-sync/plugin-sdk';
import { startSandbox, type Sandbox } from '../src/start-sandbox';

/** A complete, minimal simulator definition in plain JS (what a compiled plugin's dist/simulator holds). */
const SIMULATOR_JS = (id: string) => `
exports.simulator = {
  id: ${JSON.stringify(id)}, displayName: ${JSON.stringify(id.toUpperCase())},
  createState: () => ({ stock: new Map() }),
  credentials: (baseUrl) => ({ baseUrl, token: 'fixture_test_token' }),
  seed(state, products) { for (const p of products) for (const v of p.variants) state.stock.set(p.productId + '/' + v.variantId, v.initial || { kind: 'unlimited' }); },
  inspect: (state, ref) => state.stock.get(ref.externalProductId + '/' + ref.externalVariantId),
  deleteVariant(state, ref) { state.stock.set(ref.externalProductId + '/' + ref.externalVariantId, 'deleted'); },
  manualEdit(state, ref, to) { state.stock.set(ref.externalProductId + '/' + ref.externalVariantId, to); },
  authenticate: (req, creds) => req.headers.authorization === 'Bearer ' + creds.token ? undefined : { status: 401, body: { error: 'unauthorized' } },
  rateLimit: { capacity: 10, refillPerSecond: 10, throttled: (req, s) => ({ status: 429, headers: { 'retry-after': String(s) } }) },
  routes: [{ method: 'GET', path: '/ping', handle: () => ({ status: 200, body: { pong: true } }) }],
};`;

function writePackage(root: string, dir: string, pkg: Record<string, unknown>, files: Record<string, string> = {}): void {
  const full = path.join(root, dir);
  fs.mkdirSync(full, { recursive: true });
  fs.writeFileSync(path.join(full, 'package.json'), JSON.stringify(pkg));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(full, rel)), { recursive: true });
    fs.writeFileSync(path.join(full, rel), text);
  }
}

const decl = (extra: Record<string, unknown> = {}) => ({
  role: 'integration-plugin',
  contractVersion: 1,
  plugin: 'dist/index.js',
  ...extra,
});

function listen(port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
const closeServer = (s: net.Server) => new Promise<void>((r) => s.close(() => r()));

/** A port held open for the test, whose two lower neighbours are free right now. */
async function occupiedPortWithFreeNeighbours(): Promise<{ blocker: net.Server; port: number }> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const blocker = await listen(0);
    const port = (blocker.address() as net.AddressInfo).port;
    // allSettled, not all: when one neighbour is taken the other may have listened, and must be closed too
    // (a probe left listening keeps jest from exiting: the likely cause of a hang seen once in a busy CI run).
    const probes = await Promise.allSettled([listen(port - 2), listen(port - 1)]);
    const listening = probes.flatMap((p) => (p.status === 'fulfilled' ? [p.value] : []));
    await Promise.all(listening.map(closeServer));
    if (listening.length === probes.length) return { blocker, port };
    await closeServer(blocker);
  }
  throw new Error('no free port range found');
}

describe('sandbox discovery and start-up over a fixture plugins directory', () => {
  let dir: string;
  let sandbox: Sandbox | undefined;
  let blocker: net.Server | undefined;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-fixtures-'));
    // Sorted ids: alpha(0) beta(1) delta(2) epsilon(3) gamma(4); "zeta" is not a plugin package.
    writePackage(
      dir,
      'alpha',
      { name: '@stock-sync/plugin-alpha', stockSync: decl({ simulator: 'dist/simulator/index.js' }) },
      { 'dist/simulator/index.js': SIMULATOR_JS('alpha') },
    );
    writePackage(dir, 'beta', { name: '@stock-sync/plugin-beta', stockSync: decl() });
    writePackage(
      dir,
      'delta',
      { name: '@stock-sync/plugin-delta', stockSync: decl({ simulator: 'dist/simulator/index.js' }) },
      { 'dist/simulator/index.js': SIMULATOR_JS('delta') },
    );
    writePackage(
      dir,
      'gamma',
      { name: '@stock-sync/plugin-gamma', stockSync: decl({ simulator: 'dist/simulator/index.js' }) },
      { 'dist/simulator/index.js': "throw new Error('gamma is broken');" },
    );
    writePackage(
      dir,
      'epsilon',
      { name: '@stock-sync/plugin-epsilon', stockSync: decl({ simulator: 'sim.js' }) },
      { 'sim.js': "Object.defineProperty(exports, 'simulator', { get() { throw new Error('lazy boom'); } });" },
    );
    writePackage(dir, 'zeta', { name: '@stock-sync/zeta' });
  });
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
    if (blocker) await closeServer(blocker);
    blocker = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('discovers only integration-plugin packages, sorted by id', () => {
    const scan = discoverPluginPackages(dir);
    expect(scan.packages.map((p) => p.id)).toEqual(['alpha', 'beta', 'delta', 'epsilon', 'gamma']);
    expect(scan.packages.find((p) => p.id === 'beta')?.simulatorEntry).toBeUndefined();
  });

  it('gives each simulator base + its position, and reports and skips the ones that cannot run', async () => {
    const taken = await occupiedPortWithFreeNeighbours();
    blocker = taken.blocker;
    const base = taken.port - 2; // alpha → base, delta → base + 2 (taken)
    sandbox = await startSandbox({ basePort: base, pluginsDir: dir });

    expect(sandbox.simulators.map((s) => [s.id, s.simulator.baseUrl])).toEqual([['alpha', `http://127.0.0.1:${base}`]]);
    const reasons = Object.fromEntries(sandbox.skipped.map((s) => [s.id, s.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['beta', 'delta', 'epsilon', 'gamma']);
    expect(reasons.epsilon).toMatch(/lazy boom/);
    expect(reasons.beta).toMatch(/declares no simulator entry/);
    expect(reasons.delta).toMatch(/failed to start/);
    expect(reasons.gamma).toMatch(/gamma is broken/);

    // The running one is a real simulator behind the platform's auth.
    const alpha = sandbox.get('alpha')!.simulator;
    expect((await fetch(`${alpha.baseUrl}/ping`)).status).toBe(401);
    const ok = await fetch(`${alpha.baseUrl}/ping`, { headers: { authorization: 'Bearer fixture_test_token' } });
    expect(await ok.json()).toEqual({ pong: true });
  });

  it('seeds the sample catalog when asked, and closes every server', async () => {
    sandbox = await startSandbox({ basePort: 0, pluginsDir: dir, seed: true });
    const urls = sandbox.simulators.map((s) => s.simulator.baseUrl);
    expect(sandbox.simulators.map((s) => s.id)).toEqual(['alpha', 'delta']);
    for (const url of urls) {
      const body = (await (await fetch(`${url}/__sim/stock`)).json()) as { variants: unknown[] };
      expect(body.variants).toHaveLength(5);
    }
    await sandbox.close();
    for (const url of urls) await expect(fetch(`${url}/__sim/stock`)).rejects.toThrow();
  });
});
