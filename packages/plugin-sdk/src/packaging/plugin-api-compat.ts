/**
 * Which plugins a host accepts, by the plugin API version they were built for (semver, https://semver.org):
 * any plugin of the host's major, including one built for a newer minor (it may use additions this host does
 * not know, which are optional by the API's rule); never another major. A plugin declares a range or version
 * in package.json (`stockSync.pluginApi`, e.g. "^1.0.0"), or, as before, a major number (`contractVersion`).
 */
import * as semver from 'semver';
import { CONTRACT_VERSION } from '@stock-sync/plugin-api';

export type PluginApiCompatibility =
  | { ok: true; /** The lowest version the declaration allows, e.g. "1.3.0". */ builtFor: string; newerMinor: boolean }
  | { ok: false; reason: string };

export function checkPluginApi(declared: unknown, hostVersion: string = CONTRACT_VERSION): PluginApiCompatibility {
  const host = semver.parse(hostVersion);
  if (!host) throw new Error(`the host's plugin API version ${hostVersion} is not semver`);
  const builtFor = lowestVersion(declared);
  if (typeof builtFor === 'object') return builtFor;
  const plugin = semver.parse(builtFor)!;
  if (plugin.major !== host.major) {
    return {
      ok: false,
      reason:
        `built for plugin API ${describe(declared)} (major ${plugin.major}); this hub provides ${host.version} ` +
        `and loads plugins built for ${host.major}.x`,
    };
  }
  return { ok: true, builtFor, newerMinor: semver.gt(plugin, host) };
}

function lowestVersion(declared: unknown): string | { ok: false; reason: string } {
  if (declared === undefined || declared === null || declared === '') {
    return { ok: false, reason: 'declares no plugin API version (package.json stockSync.pluginApi, e.g. "^1.0.0")' };
  }
  if (typeof declared === 'number') {
    if (Number.isInteger(declared) && declared >= 0) return `${declared}.0.0`;
    return { ok: false, reason: `plugin API version ${declared} is not a major number or a semver range` };
  }
  if (typeof declared !== 'string') return { ok: false, reason: 'the plugin API version must be a semver range (a string)' };
  const range = semver.validRange(declared);
  const min = range === null ? null : semver.minVersion(range);
  if (!min) return { ok: false, reason: `plugin API version "${declared}" is not a semver version or range` };
  return min.version;
}

function describe(declared: unknown): string {
  return typeof declared === 'string' ? `"${declared}"` : String(declared);
}
