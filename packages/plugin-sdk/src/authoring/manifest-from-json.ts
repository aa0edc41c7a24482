import type { CredentialField, PluginManifest } from '../contract';
import { validateCredentialFields } from '../validation/validate-credential-fields';
import { validateManifest } from '../validation/validate-manifest';
import { defineManifest, type ManifestFacts } from './define-manifest';
import { isJsonObject } from './json-object';

/** What a plugin's manifest.json declares, as the host reads it. */
export interface PlatformFacts {
  readonly manifest: PluginManifest;
  readonly credentialFields: readonly CredentialField[];
}

/**
 * A plugin's platform facts from its manifest.json: the manifest's fields (filled as defineManifest fills them)
 * and `credentialFields`. Checked here, against the rules the host applies when it loads the plugin, so a mistake
 * in the data fails when the plugin is imported, naming the field, instead of when a store first connects. An
 * optional `$schema` key (for editors) is not part of the manifest.
 */
export function manifestFromJson(data: unknown): PlatformFacts {
  if (!isJsonObject(data)) throw new Error('manifest.json must hold a JSON object');
  const { credentialFields, $schema: _schema, ...facts } = data;
  const manifest = defineManifest(facts as unknown as ManifestFacts);
  const errors = [...validateManifest(manifest), ...validateCredentialFields(credentialFields)];
  if (errors.length) throw new Error(`manifest.json of '${String(facts.id)}' is not valid: ${errors.join('; ')}`);
  return { manifest, credentialFields: credentialFields as CredentialField[] };
}
