import { CONTRACT_VERSION, type PluginCapabilities, type PluginManifest } from '../contract';

/** A manifest's platform facts: everything but what the SDK fills in (the contract version, the deprecated `readBack`). */
export type ManifestFacts = Omit<PluginManifest, 'contractVersion' | 'capabilities'> & {
  capabilities: Omit<PluginCapabilities, 'readBack'>;
};

/**
 * The manifest from the platform's facts, with `contractVersion: CONTRACT_VERSION` (the plugin API the plugin is
 * built against) and `capabilities.readBack: true`: the host ignores that flag since plugin API 1.4, but hosts of
 * 1.0–1.3 refuse a manifest without it, so the SDK declares it rather than every plugin.
 */
export function defineManifest(facts: ManifestFacts): PluginManifest {
  const { id, displayName, capabilities, ...rest } = facts;
  return { id, displayName, contractVersion: CONTRACT_VERSION, capabilities: { ...capabilities, readBack: true }, ...rest };
}
