/** A plugin's declared credential fields, each against the schema; names unique; baseUrl never a secret. */
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CredentialFieldSchema } from './manifest-schema';
import { formatValidationErrors } from './format-errors';
import { BASE_URL_FIELD } from './base-url-field';
import { isJsonObject } from '../authoring/json-object';

export function validateCredentialFields(raw: unknown): string[] {
  if (!Array.isArray(raw)) return ['credentialFields must be an array'];
  const errors: string[] = [];
  const seen = new Set<string>();
  raw.forEach((field: unknown, i: number) => {
    const prefix = `credentialFields[${i}]`;
    if (!isJsonObject(field)) {
      errors.push(`${prefix} must be an object`);
      return;
    }
    errors.push(...formatValidationErrors(validateSync(plainToInstance(CredentialFieldSchema, field)), prefix));
    if (typeof field.name === 'string') {
      if (seen.has(field.name)) errors.push(`${prefix}.name '${field.name}' is declared more than once`);
      seen.add(field.name);
      // baseUrl is the SDK's standard override; a plugin may declare it, but never as a secret.
      if (field.name === BASE_URL_FIELD.name && field.secret === true) {
        errors.push(`${prefix}.secret must be false for the standard '${BASE_URL_FIELD.name}' field`);
      }
    }
  });
  return errors;
}
