/**
 * Plugins installed as packages (from a registry or a tarball) rather than placed in a plugins folder: the
 * packages named in configuration, and every dependency of a host project whose package.json declares
 * `stockSync`. Found the way Node finds packages (node_modules folders from the project up), by their
 * package.json alone, so a package's `exports` map does not have to list it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readPluginPackage, type PluginPackageScan } from './discover-plugin-packages';

export interface InstalledPluginSources {
  /** Where to look from: the host project's directory (its node_modules and those above it). */
  projectDir: string;
  /** Package names to load; each must be installed and declare itself an integration plugin. */
  names?: readonly string[];
  /** Also every dependency in the project's package.json that declares itself an integration plugin. */
  scanDependencies?: boolean;
}

/** The installed package's directory, searched like Node's resolution; undefined when not installed. */
export function installedPackageDir(name: string, fromDir: string): string | undefined {
  for (let dir = path.resolve(fromDir); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', ...name.split('/'));
    if (fs.existsSync(path.join(candidate, 'package.json'))) return fs.realpathSync(candidate);
    if (path.dirname(dir) === dir) return undefined;
  }
}

export function installedPluginPackages(sources: InstalledPluginSources): PluginPackageScan {
  const scan: PluginPackageScan = { packages: [], unreadable: [] };
  const named = new Set(sources.names ?? []);
  const candidates = new Set(named);
  if (sources.scanDependencies) for (const dep of projectDependencies(sources.projectDir)) candidates.add(dep);

  for (const name of candidates) {
    const dir = installedPackageDir(name, sources.projectDir);
    if (!dir) {
      if (named.has(name)) scan.unreadable.push({ dir: name, reason: `package ${name} is not installed (from ${sources.projectDir})` });
      continue;
    }
    const read = readPluginPackage(dir);
    if (read === undefined) {
      if (named.has(name))
        scan.unreadable.push({ dir, reason: `package ${name} does not declare itself an integration plugin (stockSync)` });
    } else if ('reason' in read) {
      scan.unreadable.push(read);
    } else if (!scan.packages.some((p) => p.dir === read.dir)) {
      scan.packages.push(read);
    }
  }
  scan.packages.sort((a, b) => a.id.localeCompare(b.id));
  return scan;
}

function projectDependencies(projectDir: string): string[] {
  const file = path.join(projectDir, 'package.json');
  if (!fs.existsSync(file)) return [];
  try {
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { dependencies?: Record<string, string> };
    return Object.keys(pkg.dependencies ?? {});
  } catch {
    return [];
  }
}
