/**
 * Load-time check of a plugin's optional `oauth` part: its data (oauth-schema.ts), its URL templates (http(s),
 * placeholders the merchant's connect fields fill), its fixed authorize parameters (strings, never one the
 * flow sets itself), its functions, and that a code can be exchanged (`exchange`, or `tokenUrl` +
 * `toConnectedStore`). Errors name the path, like the rest of validatePlugin.
 */
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { STANDARD_AUTHORIZE_PARAMS } from '../oauth-flow/authorize-url';
import { templatePlaceholders } from '../oauth-flow/oauth-url';
import { formatValidationErrors } from './format-errors';
import { CredentialFieldSchema } from './manifest-schema';
import { OAuthSchema } from './oauth-schema';
import { isJsonObject } from '../authoring/json-object';

const FUNCTIONS = ['authorizeUrlFor', 'readState', 'verifyCallback', 'exchange', 'toConnectedStore', 'verifyUninstall'] as const;

/** A template with each placeholder filled by a plain word must be an http(s) URL. */
function templateErrors(path: string, template: unknown, fillable: ReadonlySet<string>, credentialNames: ReadonlySet<string>): string[] {
  if (typeof template !== 'string') return [];
  const errors: string[] = [];
  let url: URL | undefined;
  try {
    url = new URL(template.replace(/\{([A-Za-z][A-Za-z0-9_]*)\}/g, 'x'));
  } catch {
    errors.push(`${path} must be an http(s) URL (placeholders like {shop} allowed)`);
  }
  if (url && url.protocol !== 'https:' && url.protocol !== 'http:')
    errors.push(`${path} must be an http(s) URL (placeholders like {shop} allowed)`);
  for (const name of templatePlaceholders(template)) {
    if (!fillable.has(name)) errors.push(`${path} uses {${name}}, which is not one of oauth.connectFields`);
    else if (!credentialNames.has(name) && path === 'oauth.tokenUrl') {
      // The refresh grant fills the token URL from the store's credentials: the field must be kept there.
      errors.push(`${path} uses {${name}}, which is not one of credentialFields (the refresh fills it from the store's credentials)`);
    }
  }
  return errors;
}

function connectFieldErrors(raw: unknown): { errors: string[]; names: Set<string> } {
  const names = new Set<string>();
  if (raw === undefined) return { errors: [], names };
  if (!Array.isArray(raw)) return { errors: ['oauth.connectFields must be an array'], names };
  const errors: string[] = [];
  raw.forEach((f: unknown, i: number) => {
    const prefix = `oauth.connectFields[${i}]`;
    if (!isJsonObject(f)) {
      errors.push(`${prefix} must be an object`);
      return;
    }
    errors.push(...formatValidationErrors(validateSync(plainToInstance(CredentialFieldSchema, f)), prefix));
    if (typeof f.name === 'string') {
      if (names.has(f.name)) errors.push(`${prefix}.name '${f.name}' is declared more than once`);
      names.add(f.name);
    }
  });
  return { errors, names };
}

function authorizeParamErrors(raw: unknown): string[] {
  if (!isJsonObject(raw)) return [];
  const errors: string[] = [];
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value !== 'string') errors.push(`oauth.authorizeParams.${name} must be a string`);
    if (STANDARD_AUTHORIZE_PARAMS.includes(name))
      errors.push(`oauth.authorizeParams.${name} is set by the flow itself and may not be fixed`);
  }
  return errors;
}

/** `credentialNames`: the plugin's credential field names (the token URL's placeholders must be among them). */
export function validateOAuthPart(raw: unknown, credentialNames: ReadonlySet<string>): string[] {
  if (!isJsonObject(raw)) return ['oauth must be an object when present'];
  const errors = formatValidationErrors(validateSync(plainToInstance(OAuthSchema, raw)), 'oauth');
  const connect = connectFieldErrors(raw.connectFields);
  errors.push(...connect.errors);
  errors.push(...templateErrors('oauth.authorizeUrl', raw.authorizeUrl, connect.names, credentialNames));
  errors.push(...templateErrors('oauth.tokenUrl', raw.tokenUrl, connect.names, credentialNames));
  errors.push(...authorizeParamErrors(raw.authorizeParams));
  for (const name of FUNCTIONS) {
    if (raw[name] !== undefined && typeof raw[name] !== 'function') errors.push(`oauth.${name} must be a function when present`);
  }
  if (raw.exchange === undefined && (raw.tokenUrl === undefined || raw.toConnectedStore === undefined)) {
    errors.push('oauth needs exchange, or tokenUrl and toConnectedStore (the standard code exchange)');
  }
  return errors;
}
