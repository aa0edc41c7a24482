/**
 * Validates the credentials a merchant (or the API) submits for a store against the plugin's declared
 * fields. Values are trimmed (pasted tokens often carry a newline); an optional field sent as an empty
 * string counts as absent (HTML forms send empty strings). Messages never echo a value.
 */
import { isURL } from 'class-validator';
import type { CredentialField } from '../contract';
import { BASE_URL_FIELD } from './base-url-field';

export interface CredentialError {
  path: string;
  message: string;
}

export type CredentialValidation = { ok: true; values: Record<string, string> } | { ok: false; errors: CredentialError[] };

/** The plugin's fields plus the standard baseUrl field when the plugin does not declare it. */
export function effectiveCredentialFields(fields: readonly CredentialField[]): CredentialField[] {
  return fields.some((f) => f.name === BASE_URL_FIELD.name) ? [...fields] : [...fields, BASE_URL_FIELD];
}

export function isHttpUrl(value: string): boolean {
  return isURL(value, { protocols: ['http', 'https'], require_protocol: true, require_tld: false });
}

export function validateCredentials(fields: readonly CredentialField[], raw: unknown): CredentialValidation {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: [{ path: 'credentials', message: 'credentials must be an object' }] };
  }
  const input = raw as Record<string, unknown>;
  const all = effectiveCredentialFields(fields);
  const known = new Map(all.map((f) => [f.name, f]));
  const errors: CredentialError[] = [];
  const values: Record<string, string> = {};

  for (const key of Object.keys(input)) {
    if (!known.has(key)) errors.push({ path: `credentials.${key}`, message: `credentials.${key} is not a known credential field` });
  }

  for (const field of all) {
    const path = `credentials.${field.name}`;
    const v = input[field.name];
    if (v === undefined || v === null) {
      if (field.required) errors.push({ path, message: `${path} is required` });
      continue;
    }
    if (typeof v !== 'string') {
      errors.push({ path, message: `${path} must be a string` });
      continue;
    }
    const value = v.trim();
    if (value === '') {
      if (field.required) errors.push({ path, message: `${path} must not be empty` });
      continue;
    }
    if (field.name === BASE_URL_FIELD.name && !isHttpUrl(value)) {
      errors.push({ path, message: `${path} must be an http(s) URL` });
      continue;
    }
    values[field.name] = value;
  }

  return errors.length ? { ok: false, errors } : { ok: true, values };
}

/** The values of secret fields: what the HTTP client and loggers must redact for this store. */
export function secretValues(fields: readonly CredentialField[], values: Readonly<Record<string, string>>): string[] {
  const out: string[] = [];
  for (const f of fields) {
    const v = values[f.name];
    if (f.secret && typeof v === 'string' && v.length > 0) out.push(v);
  }
  return out;
}
