/**
 * The manifest alone, against the class-validator schema (manifest-schema.ts): the same rules as the plugin
 * API's MANIFEST_JSON_SCHEMA (test/manifest-schema-agreement.test.ts holds the two to the same verdicts).
 * Errors name the path ("manifest.capabilities.maxBatch must be a positive integer").
 */
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ManifestSchema } from './manifest-schema';
import { formatValidationErrors } from './format-errors';

export function validateManifest(raw: unknown): string[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return ['manifest must be an object'];
  return formatValidationErrors(validateSync(plainToInstance(ManifestSchema, raw)), 'manifest');
}
