/**
 * Checks that an untrusted module export really is an IntegrationPlugin before the hub registers it:
 * a plugin that fails here is reported and skipped, never half-loaded.
 */
import type { IntegrationPlugin } from '../contract';
import { validateCredentialFields } from './validate-credential-fields';
import { validateOAuthPart } from './validate-oauth';
import { validateNoticesPart } from './validate-notices';
import { validateManifest } from './validate-manifest';
import { validateCapabilityFlags } from './validate-capability-flags';
import { isJsonObject } from '../authoring/json-object';

export type PluginValidation = { ok: true; plugin: IntegrationPlugin } | { ok: false; errors: string[] };

export function validatePlugin(candidate: unknown): PluginValidation {
  if (!isJsonObject(candidate)) return { ok: false, errors: ['plugin must be an object'] };
  const errors: string[] = [];

  errors.push(...validateManifest(candidate.manifest));
  errors.push(...validateCredentialFields(candidate.credentialFields));

  if (typeof candidate.connect !== 'function') errors.push('connect must be a function');
  // Optional: absent (or undefined) is fine; anything else present must be callable.
  if (candidate.refreshCredentials !== undefined && typeof candidate.refreshCredentials !== 'function') {
    errors.push('refreshCredentials must be a function when present');
  }

  // Optional: the install / consent flow (oauth.ts); checked only when present.
  if (candidate.oauth !== undefined) {
    const names = new Set(
      Array.isArray(candidate.credentialFields)
        ? candidate.credentialFields.map((f: { name?: unknown }) => f?.name).filter((n): n is string => typeof n === 'string')
        : [],
    );
    errors.push(...validateOAuthPart(candidate.oauth, names));
  }

  // Optional (plugin API 1.3): inbound platform notices; checked only when present.
  if (candidate.notices !== undefined) errors.push(...validateNoticesPart(candidate.notices));
  // The deprecated webhooks flag must not contradict the notices part (plugins built for 1.4 on).
  errors.push(...validateCapabilityFlags(candidate));

  return errors.length ? { ok: false, errors } : { ok: true, plugin: candidate as unknown as IntegrationPlugin };
}
