/**
 * The reference platforms' simulators, loaded from each plugin package's `stockSync.simulator` entry
 * (the package must be built). A platform whose plugin or simulator is not built is left out, and the
 * test says so, rather than failing the whole suite on another engineer's work in progress.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSimulator, type PlatformSimulatorDefinition, type RunningSimulator } from '@stock-sync/plugin-testkit';
import { DEFAULT_PLUGINS_DIR } from '../../../src/config/hub-config';

export const REFERENCE_PLATFORMS = ['shopify', 'woocommerce', 'etsy'] as const;
export type ReferencePlatform = (typeof REFERENCE_PLATFORMS)[number];
export const PLUGINS_DIR = DEFAULT_PLUGINS_DIR;

interface StockSyncField {
  plugin?: string;
  simulator?: string;
}

function entries(id: string): { plugin: string; simulator: string } | undefined {
  const dir = path.join(PLUGINS_DIR, id);
  const pkgFile = path.join(dir, 'package.json');
  if (!fs.existsSync(pkgFile)) return undefined;
  const field = (JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { stockSync?: StockSyncField }).stockSync;
  if (!field?.plugin || !field.simulator) return undefined;
  const plugin = path.join(dir, field.plugin);
  const simulator = path.join(dir, field.simulator);
  return fs.existsSync(plugin) && fs.existsSync(simulator) ? { plugin, simulator } : undefined;
}

/** The reference platforms whose plugin and simulator are built (HUB_E2E_PLATFORMS narrows the list). */
export function builtPlatforms(): ReferencePlatform[] {
  const wanted = process.env.HUB_E2E_PLATFORMS?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const built = REFERENCE_PLATFORMS.filter((id) => (!wanted || wanted.includes(id)) && entries(id));
  const missing = REFERENCE_PLATFORMS.filter((id) => (!wanted || wanted.includes(id)) && !built.includes(id));
  if (missing.length) {
    // In CI the hub's devDependencies make turbo build them first: a missing one is a failure, not a skip.
    if (process.env.CI === 'true') throw new Error(`e2e: ${missing.join(', ')} not built (plugin or simulator dist missing)`);
    console.warn(`e2e: skipping ${missing.join(', ')} (plugin or simulator not built)`);
  }
  return built;
}

export function simulatorDefinition(id: ReferencePlatform): PlatformSimulatorDefinition<unknown> {
  const e = entries(id);
  if (!e) throw new Error(`the ${id} simulator is not built`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(e.simulator) as { simulator?: PlatformSimulatorDefinition<unknown>; default?: PlatformSimulatorDefinition<unknown> };
  const def = mod.simulator ?? mod.default;
  if (!def) throw new Error(`${e.simulator} exports no simulator`);
  return def;
}

export async function startPlatform(id: ReferencePlatform): Promise<RunningSimulator<unknown>> {
  return startSimulator(simulatorDefinition(id), { port: 0, host: '127.0.0.1' });
}

/** Simulator-side id helpers: one product per catalog product, variant ids unique per platform. */
export function ref(productId: string | number, variantId: string | number) {
  return { externalProductId: String(productId), externalVariantId: String(variantId) };
}
