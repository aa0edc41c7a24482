/**
 * Loads a plugin package's compiled simulator or plugin entry and checks the export has the agreed shape,
 * so a broken package is reported with a reason instead of failing somewhere later.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validatePlugin, type IntegrationPlugin } from '@stock-sync/plugin-sdk';
import type { PlatformSimulatorDefinition } from '@stock-sync/plugin-testkit';
import type { PluginPackage } from '@stock-sync/plugin-sdk';

export type Loaded<T> = { ok: true; value: T } | { ok: false; reason: string };

const SIMULATOR_FUNCTIONS = ['createState', 'credentials', 'seed', 'inspect', 'deleteVariant', 'manualEdit', 'authenticate'] as const;

function requireEntry(pkg: PluginPackage, entry: string | undefined, what: string): Loaded<Record<string, unknown>> {
  if (!entry) return { ok: false, reason: `the package declares no ${what} entry (stockSync.${what})` };
  if (!fs.existsSync(entry))
    return { ok: false, reason: `${what} entry ${path.relative(pkg.dir, entry)} does not exist (is the package built?)` };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return { ok: true, value: require(entry) as Record<string, unknown> };
  } catch (e) {
    return { ok: false, reason: `loading the ${what} entry failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

export function loadSimulatorDefinition(pkg: PluginPackage): Loaded<PlatformSimulatorDefinition<unknown>> {
  try {
    return checkSimulatorDefinition(pkg);
  } catch (e) {
    // A throwing getter or lazily built export fails here, not in the caller.
    return { ok: false, reason: `reading the simulator export failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function checkSimulatorDefinition(pkg: PluginPackage): Loaded<PlatformSimulatorDefinition<unknown>> {
  const mod = requireEntry(pkg, pkg.simulatorEntry, 'simulator');
  if (!mod.ok) return mod;
  const def = (mod.value.simulator ?? mod.value.default) as Partial<PlatformSimulatorDefinition<unknown>> | undefined;
  if (!def || typeof def !== 'object') return { ok: false, reason: 'the simulator entry exports no `simulator`' };
  const problems: string[] = [];
  if (typeof def.id !== 'string' || def.id === '') problems.push('id must be a non-empty string');
  if (typeof def.displayName !== 'string') problems.push('displayName must be a string');
  for (const fn of SIMULATOR_FUNCTIONS) if (typeof def[fn] !== 'function') problems.push(`${fn} must be a function`);
  if (!Array.isArray(def.routes)) problems.push('routes must be an array');
  const rl = def.rateLimit;
  if (!rl || typeof rl.capacity !== 'number' || typeof rl.refillPerSecond !== 'number' || typeof rl.throttled !== 'function') {
    problems.push('rateLimit must have capacity, refillPerSecond and throttled()');
  }
  if (problems.length) return { ok: false, reason: `invalid simulator: ${problems.join('; ')}` };
  return { ok: true, value: def as PlatformSimulatorDefinition<unknown> };
}

/** The real plugin, validated as the hub validates it (for verifying the sandbox's credentials). */
export function loadPlugin(pkg: PluginPackage): Loaded<IntegrationPlugin> {
  const mod = requireEntry(pkg, pkg.pluginEntry, 'plugin');
  if (!mod.ok) return mod;
  try {
    const validation = validatePlugin(mod.value.plugin ?? mod.value.default ?? mod.value);
    return validation.ok
      ? { ok: true, value: validation.plugin }
      : { ok: false, reason: `invalid plugin: ${validation.errors.join('; ')}` };
  } catch (e) {
    return { ok: false, reason: `reading the plugin export failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}
