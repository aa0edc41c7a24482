/**
 * Finds integration plugins: every package the SDK's discoverPluginPackages finds (a package.json with a
 * `stockSync` field of role "integration-plugin") names its entry (`plugin`, e.g. "dist/index.js"). The entry is required and its
 * `plugin` (or default) export is validated with the SDK's validatePlugin. A candidate that fails any
 * step is reported with the reason and never registered (no half-loaded plugin).
 */
import * as fs from 'node:fs';
import {
  CONTRACT_VERSION,
  discoverPluginPackages,
  validatePlugin,
  type IntegrationPlugin,
  type PluginPackage,
} from '@stock-sync/plugin-sdk';

export interface DiscoveredPlugin {
  plugin: IntegrationPlugin;
  packageName: string;
  dir: string;
}

export interface RejectedPlugin {
  /** The plugin id when it could be read (package or manifest), for marking its integration row. */
  id?: string;
  packageName?: string;
  dir: string;
  reason: string;
}

export interface DiscoveryResult {
  loaded: DiscoveredPlugin[];
  rejected: RejectedPlugin[];
}

export function discoverPlugins(pluginsDir: string): DiscoveryResult {
  const result: DiscoveryResult = { loaded: [], rejected: [] };
  const scan = discoverPluginPackages(pluginsDir);
  for (const bad of scan.unreadable) result.rejected.push({ dir: bad.dir, reason: bad.reason });

  for (const pkg of scan.packages) {
    const outcome = loadCandidate(pkg);
    if ('plugin' in outcome) {
      const clash = result.loaded.find((l) => l.plugin.manifest.id === outcome.plugin.manifest.id);
      if (clash) {
        result.rejected.push({
          id: outcome.plugin.manifest.id,
          packageName: outcome.packageName,
          dir: pkg.dir,
          reason: `duplicate plugin id "${outcome.plugin.manifest.id}" (already loaded from ${clash.dir})`,
        });
      } else {
        result.loaded.push(outcome);
      }
    } else {
      result.rejected.push(outcome);
    }
  }
  return result;
}

function loadCandidate(pkg: PluginPackage): DiscoveredPlugin | RejectedPlugin {
  const { dir, packageName, declaration: decl } = pkg;
  const idGuess = pkg.id;

  if (decl.contractVersion !== CONTRACT_VERSION) {
    return {
      id: idGuess,
      packageName,
      dir,
      reason: `declares contract version ${String(decl.contractVersion)}; this hub supports ${CONTRACT_VERSION}`,
    };
  }
  if (typeof decl.plugin !== 'string' || decl.plugin.length === 0) {
    return { id: idGuess, packageName, dir, reason: 'stockSync.plugin (the entry file) is missing' };
  }
  const entry = pkg.pluginEntry;
  if (!entry) {
    return { id: idGuess, packageName, dir, reason: 'stockSync.plugin must point inside the package' };
  }
  if (!fs.existsSync(entry)) {
    return { id: idGuess, packageName, dir, reason: `entry ${decl.plugin} does not exist (is the package built?)` };
  }

  let mod: Record<string, unknown>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(entry);
  } catch (e) {
    return { id: idGuess, packageName, dir, reason: `loading ${decl.plugin} failed: ${(e as Error)?.message ?? String(e)}` };
  }
  const candidate = mod.plugin ?? mod.default ?? mod;
  const validation = validatePlugin(candidate);
  if (!validation.ok) {
    const manifestId = (candidate as { manifest?: { id?: unknown } })?.manifest?.id;
    return {
      id: typeof manifestId === 'string' ? manifestId : idGuess,
      packageName,
      dir,
      reason: `invalid plugin: ${validation.errors.join('; ')}`,
    };
  }
  return { plugin: validation.plugin, packageName, dir };
}
