/**
 * Finds integration plugins: every package in the plugins folder (the SDK's discoverPluginPackages) and
 * every installed package named in configuration or declared by the host project (installedPluginPackages)
 * whose package.json has a `stockSync` field of role "integration-plugin" naming its entry (`plugin`, e.g.
 * "dist/index.js"). The plugin API range it was built for (`stockSync.pluginApi`) must be of this hub's major
 * (checked before its code is required); its `plugin` (or default) export is validated with the SDK's
 * validatePlugin. A candidate that fails any step is reported with the reason and never registered (no
 * half-loaded plugin).
 */
import * as fs from 'node:fs';
import {
  checkPluginApi,
  discoverPluginPackages,
  installedPluginPackages,
  validatePlugin,
  type InstalledPluginSources,
  type IntegrationPlugin,
  type PluginPackage,
  type PluginPackageScan,
} from '@stock-sync/plugin-sdk';

export interface DiscoveredPlugin {
  plugin: IntegrationPlugin;
  packageName: string;
  dir: string;
  /** The lowest plugin API version its declaration allows, and whether that is a newer minor than the hub's. */
  builtFor: string;
  newerMinor: boolean;
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

/** The plugins folder's packages first, then the installed ones (a duplicate id keeps the first). */
export function discoverPlugins(pluginsDir: string, installed?: InstalledPluginSources): DiscoveryResult {
  const result: DiscoveryResult = { loaded: [], rejected: [] };
  const scans: PluginPackageScan[] = [discoverPluginPackages(pluginsDir)];
  if (installed) scans.push(installedPluginPackages(installed));
  const scan: PluginPackageScan = {
    packages: scans.flatMap((s) => s.packages).filter((p, i, all) => all.findIndex((q) => q.dir === p.dir) === i),
    unreadable: scans.flatMap((s) => s.unreadable),
  };
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

  // Checked before requiring anything: a plugin of another major may not even load against this API.
  const api = checkPluginApi(decl.pluginApi ?? decl.contractVersion);
  if (!api.ok) return { id: idGuess, packageName, dir, reason: api.reason };
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
  return { plugin: validation.plugin, packageName, dir, builtFor: api.builtFor, newerMinor: api.newerMinor };
}
