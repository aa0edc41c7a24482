/**
 * Loading a plugin from an installed package (issue 11): one plugin is packed (`pnpm pack`) and installed
 * from its tarball into a throwaway project outside the workspace; the built hub starts with an EMPTY plugins
 * folder and HUB_PLUGIN_PROJECT pointing at that project, lists the platform in GET /v1/integrations, and
 * syncs a store against the simulator loaded from the installed package's ./simulator subpath.
 *
 *   pnpm --filter @stock-sync/hub build && cd apps/hub && node --experimental-vm-modules \
 *     ../../node_modules/jest/bin/jest.js test/e2e/packed-plugin.test.ts
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PlatformSimulatorDefinition, RunningSimulator, startSimulator as StartSimulator } from '@stock-sync/plugin-testkit';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../support/throwaway-postgres';
import { observedAt, putCatalog } from './support/e2e-scenario';
import { hubBuilt, startHubProcess, type HubProcess } from './support/hub-process';
import { installPackedPlugin, lockfileOverrides, type PackedPluginProject } from './support/packed-plugin-project';
import { waitFor } from './support/sync-hub';

jest.setTimeout(600_000);

const PLUGIN_DIR = path.resolve(__dirname, '..', '..', '..', '..', 'plugins', 'woocommerce');
const runnable = hubBuilt() && fs.existsSync(path.join(PLUGIN_DIR, 'dist', 'simulator', 'index.js'));
if (!runnable && process.env.CI === 'true') throw new Error('packed-plugin: apps/hub/dist or plugins/woocommerce/dist is not built');
if (!runnable) console.warn('packed-plugin: skipped (needs apps/hub/dist and a built plugins/woocommerce)');
const describeIf = runnable ? describe : describe.skip;

describe('the throwaway project pins the workspace lockfile versions', () => {
  it('one override per package, per caret range when the lockfile holds several versions; workspace packages left out', () => {
    const lockfile = [
      'packages:',
      "  '@types/validator@13.15.10':",
      '    resolution: {integrity: sha512-x}',
      '  ajv@6.15.0:',
      '  ajv@8.18.0:',
      '  ajv@8.20.0:',
      "  '@stock-sync/domain@1.0.0':",
      '  tslib@0.3.7:',
      '  tslib@0.4.1:',
      'snapshots:',
      "  '@types/validator@13.15.10': {}",
      '  ajv@8.20.0(some-peer@1.0.0):',
      'importers:',
      '    axios@9.9.9:',
    ].join('\n');
    expect(lockfileOverrides(lockfile)).toEqual({
      '@types/validator': '13.15.10',
      'ajv@^6.0.0': '6.15.0',
      'ajv@^8.0.0': '8.20.0',
      'tslib@^0.3.0': '0.3.7',
      'tslib@^0.4.0': '0.4.1',
    });
  });
});

describeIf('a plugin installed from its packed tarball (outside the workspace)', () => {
  let project: PackedPluginProject;
  let db: ThrowawayDatabase | undefined;
  let sim: RunningSimulator<unknown>;
  let hub: HubProcess;
  const emptyPluginsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'packed-plugin-empty-'));

  beforeAll(async () => {
    project = await installPackedPlugin(PLUGIN_DIR);
    // The simulator as a consumer loads it: the package's ./simulator export, with the project's testkit.
    const from = createRequire(path.join(project.dir, 'package.json'));
    const simulatorModule = from(`${project.packageName}/simulator`) as { simulator: PlatformSimulatorDefinition<unknown> };
    const { startSimulator } = from('@stock-sync/plugin-testkit') as { startSimulator: typeof StartSimulator };
    sim = await startSimulator(simulatorModule.simulator, { port: 0, host: '127.0.0.1' });
    // PostgreSQL when the suite has one (faster start), else the embedded database.
    if (process.env.TEST_DATABASE_URL) db = await createThrowawayDatabase(process.env.TEST_DATABASE_URL);
    hub = await startHubProcess('packed', db?.url ?? '', {
      HUB_PLUGINS_DIR: emptyPluginsDir,
      HUB_PLUGIN_PROJECT: project.dir,
      HUB_SCHEDULER_TICK_MS: '200',
      HUB_SCHEDULER_NUDGE_MS: '20',
    });
  });
  afterAll(async () => {
    await hub?.stop();
    await sim?.close();
    await db?.drop();
    project?.remove();
    fs.rmSync(emptyPluginsDir, { recursive: true, force: true });
  });

  it('installed the package outside the workspace, without its test code in the main entry', () => {
    const installed = fs.realpathSync(path.join(project.dir, 'node_modules', ...project.packageName.split('/')));
    expect(installed.startsWith(fs.realpathSync(os.tmpdir()))).toBe(true);
    const main = fs.readFileSync(path.join(installed, 'dist', 'index.js'), 'utf8');
    expect(main).not.toMatch(/plugin-testkit|\.\/simulator/);
  });

  it('lists the platform of the installed package, and refuses nothing', async () => {
    const res = await hub.get('/v1/integrations').expect(200);
    expect(res.body.map((i: { id: string }) => i.id)).toEqual([sim.id]);
    expect((await hub.get('/v1/integrations/refused').expect(200)).body.refused).toEqual([]);
    expect(hub.output.some((l) => l.includes(`${sim.id} (${project.packageName})`))).toBe(true);
  });

  it('syncs a store against the simulator of the installed package', async () => {
    const product = 7100;
    const variant = 7200;
    sim.seed([{ productId: String(product), variants: [{ variantId: String(variant) }] }]);
    await putCatalog(hub as never, [{ id: 7300, productId: 73, fulfillment: 'warehouse' }]);
    const created = await hub
      .post('/v1/stores', { name: 'packed', platform: sim.id, sellingRegion: 'north_america', credentials: sim.credentials })
      .expect(201);
    await hub
      .put(`/v1/stores/${created.body.id}/sync-variants`, {
        variants: [{ externalProductId: String(product), externalVariantId: String(variant), catalogVariantId: 7300 }],
      })
      .expect(200);
    await hub
      .post('/v1/facility-stock', { updates: [{ variantId: 7300, facility: 'US-NC', quantity: 12, observedAt: observedAt() }] })
      .expect(202);
    const ref = { externalProductId: String(product), externalVariantId: String(variant) };
    await waitFor(
      'the quantity to reach the simulated store',
      () => {
        const stock = sim.stock(ref) as { kind: string; quantity?: number } | undefined;
        return stock?.kind === 'quantity' && stock.quantity === 12;
      },
      120_000,
      100,
    );
  });
});
