/**
 * Where the hub finds plugins installed as packages, besides its plugins folder (HUB_PLUGINS_DIR):
 *   HUB_PLUGIN_PACKAGES   comma-separated package names, e.g. "@acme/stock-sync-plugin-foo,@stock-sync/plugin-etsy"
 *   HUB_PLUGIN_PROJECT    a project directory: every dependency in its package.json that declares `stockSync`
 *                         is loaded, and the named packages are resolved from it (default: the working directory)
 * Neither set: no installed package is loaded (the plugins folder alone, as before).
 */
import * as path from 'node:path';
import type { InstalledPluginSources } from '@stock-sync/plugin-sdk';

export function loadPluginPackagesConfig(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): InstalledPluginSources | undefined {
  const names = (env.HUB_PLUGIN_PACKAGES ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
  const project = env.HUB_PLUGIN_PROJECT?.trim();
  if (!names.length && !project) return undefined;
  return { projectDir: path.resolve(cwd, project || '.'), names, scanDependencies: Boolean(project) };
}
