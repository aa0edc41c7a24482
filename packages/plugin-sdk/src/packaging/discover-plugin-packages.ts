/**
 * How a plugin package declares itself (Backstage-style, in its package.json):
 *   "stockSync": { "role": "integration-plugin", "contractVersion": 1, "plugin": "dist/index.js", "simulator": "dist/simulator/index.js" }
 * This finds every such package under a plugins directory. It only reads package.json files: what a host does
 * with the entries (the hub validates and registers the plugin, the sandbox starts the simulator) is the host's job.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface PluginPackage {
  /** The plugin id by convention (package name without "@stock-sync/plugin-", else the directory name). */
  id: string;
  packageName: string;
  dir: string;
  /** The declaration as written, for hosts that report exactly what is wrong with it. */
  declaration: StockSyncDeclaration;
  /** Absolute paths of the declared entries; undefined when none is declared or it points outside the package. */
  pluginEntry?: string;
  simulatorEntry?: string;
}

export interface UnreadablePluginPackage {
  dir: string;
  reason: string;
}

export interface PluginPackageScan {
  packages: PluginPackage[];
  unreadable: UnreadablePluginPackage[];
}

export interface StockSyncDeclaration {
  role?: unknown;
  /** The plugin API range the plugin was built for, e.g. "^1.0.0" (see plugin-api-compat.ts). */
  pluginApi?: unknown;
  /** Before pluginApi: the API's major as a number. */
  contractVersion?: unknown;
  plugin?: unknown;
  simulator?: unknown;
}

/** Packages sorted by id: that order gives each simulator its stable sandbox port. */
export function discoverPluginPackages(pluginsDir: string): PluginPackageScan {
  const scan: PluginPackageScan = { packages: [], unreadable: [] };
  if (!fs.existsSync(pluginsDir)) return scan;
  const dirs = fs
    .readdirSync(pluginsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() || d.isSymbolicLink())
    .map((d) => path.join(pluginsDir, d.name));

  for (const dir of dirs) {
    const read = readPluginPackage(dir);
    if (read === undefined) continue;
    if ('reason' in read) scan.unreadable.push(read);
    else scan.packages.push(read);
  }
  scan.packages.sort((a, b) => a.id.localeCompare(b.id));
  return scan;
}

/**
 * One package directory: its plugin declaration, a reason when its package.json cannot be read, or
 * undefined when it is no integration plugin (no package.json, no `stockSync` of that role).
 */
export function readPluginPackage(dir: string): PluginPackage | UnreadablePluginPackage | undefined {
  const file = path.join(dir, 'package.json');
  if (!fs.existsSync(file)) return undefined;
  let pkg: { name?: unknown; stockSync?: StockSyncDeclaration };
  try {
    pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return { dir, reason: `package.json is not valid JSON: ${(e as Error).message}` };
  }
  const decl = pkg.stockSync;
  if (!decl || decl.role !== 'integration-plugin') return undefined;
  const packageName = typeof pkg.name === 'string' ? pkg.name : path.basename(dir);
  return {
    id: packageName.replace(/^@[^/]+\/plugin-/, '') || path.basename(dir),
    packageName,
    dir,
    declaration: decl,
    pluginEntry: entryInside(dir, decl.plugin),
    simulatorEntry: entryInside(dir, decl.simulator),
  };
}

/** A declared entry resolved inside the package; anything else (missing, not a string, escaping) is none. */
function entryInside(dir: string, entry: unknown): string | undefined {
  if (typeof entry !== 'string' || entry.length === 0) return undefined;
  const resolved = path.resolve(dir, entry);
  return resolved.startsWith(path.resolve(dir) + path.sep) ? resolved : undefined;
}
