/** Reads an official OpenAPI (3.0) or Swagger (2.0) document from disk: JSON, or YAML via js-yaml. */
import { readFileSync } from 'node:fs';
import { load as loadYaml } from 'js-yaml';

export interface OpenApiSpec {
  openapi?: string;
  swagger?: string;
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, unknown>;
  definitions?: Record<string, unknown>;
  [key: string]: unknown;
}

export function loadOpenApiSpec(file: string): OpenApiSpec {
  const text = readFileSync(file, 'utf8');
  const doc = /\.ya?ml$/i.test(file) ? loadYaml(text) : JSON.parse(text);
  if (!doc || typeof doc !== 'object' || typeof (doc as OpenApiSpec).paths !== 'object') {
    throw new Error(`${file} is not an OpenAPI document (no paths)`);
  }
  return doc as OpenApiSpec;
}
