/**
 * The deprecated `capabilities.webhooks` flag (plugin API 1.4.0) against what the plugin really provides: the
 * `notices` part is what declares inbound platform notices, and the host ignores the flag. A plugin built for
 * 1.4 or later that still gives the flag must not contradict its notices (`true` without `notices`, or `false`
 * with them): such a flag misleads whoever reads the manifest. Plugins built for 1.0–1.3 are not held to it,
 * since the flag carried no rule then (nine of our ten plugins with notices had `false` beside them): refusing them
 * would break the minor version's promise that they load unchanged.
 */
import * as semver from 'semver';
import { checkPluginApi } from '../packaging/plugin-api-compat';
import { isJsonObject } from '../authoring/json-object';

/** The first plugin API version whose plugins are held to the rule. */
const WEBHOOKS_RULE_SINCE = '1.4.0';

export function validateCapabilityFlags(candidate: Record<string, unknown>): string[] {
  const manifest = candidate.manifest;
  if (!isJsonObject(manifest) || !isJsonObject(manifest.capabilities)) return [];
  const webhooks = manifest.capabilities.webhooks;
  if (typeof webhooks !== 'boolean') return [];
  const api = checkPluginApi(manifest.contractVersion);
  if (!api.ok || semver.lt(api.builtFor, WEBHOOKS_RULE_SINCE)) return [];
  const hasNotices = candidate.notices !== undefined;
  if (webhooks === hasNotices) return [];
  const path = 'manifest.capabilities.webhooks';
  return webhooks
    ? [`${path} is true but the plugin has no notices part: the notices part declares inbound notices (leave the deprecated flag out)`]
    : [`${path} is false but the plugin has a notices part: the notices part declares inbound notices (leave the deprecated flag out)`];
}
