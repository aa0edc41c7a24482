/**
 * What every operation of the served OpenAPI document carries, derived from the application itself so a
 * new route cannot drift from it: its security (from `@Public()`: public routes say `security: []`,
 * every other one the bearer scheme), a request-body example (composed from the body schema's property
 * examples), and top-level tags with descriptions. The summary and operationId are the handler's own
 * (`@ApiOperation`); `test/openapi-lint.test.ts` runs `redocly lint` (recommended ruleset) on the
 * served document and fails, naming the operation, when one is missing.
 */
import type { OpenAPIObject } from '@nestjs/swagger';
import type { PublicRouteMatcher } from '../auth/public-routes';

/** The scheme name `addBearerAuth()` defines and `@ApiBearerAuth()` refers to. */
export const BEARER_SCHEME = 'bearer';

/** Tag → description. A tag used by an operation and missing here fails the lint (`tag-description`). */
export const TAG_DESCRIPTIONS: Record<string, string> = {
  catalog: 'Catalog variants and facility stock, written by internal services',
  stores: "Merchants' stores on the platforms and their synced variants",
  sync: 'Sync runs: start one, follow it, read what it changed',
  'reference data': 'Integrations (loaded platform plugins), facilities and selling regions',
  health: 'Liveness and readiness (no token)',
  metrics: 'Prometheus metrics, with their own token (HUB_METRICS_TOKEN)',
  webhooks: 'Outbound webhooks: subscriptions, signed per Standard Webhooks, and their delivery log',
  operations: 'The operations overview (what the console at /console shows): stores by status, backlog, latency, throttles',
};

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

type Schema = Record<string, unknown>;
interface Operation {
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  requestBody?: { content?: Record<string, { schema?: Schema; example?: unknown; examples?: unknown }> };
}

/** Every operation of the document with its method (upper case) and path template. */
export function* operationsOf(document: OpenAPIObject): Generator<{ method: string; template: string; op: Operation }> {
  for (const [template, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (op) yield { method: method.toUpperCase(), template, op };
    }
  }
}

/** Public routes (per the same matcher the auth middleware uses) get `security: []`, all others the bearer scheme. */
export function applySecurity(document: OpenAPIObject, publicRoutes: PublicRouteMatcher): void {
  for (const { method, template, op } of operationsOf(document)) {
    const concrete = template.replace(/\{[^}]+\}/g, 'x');
    op.security = publicRoutes.isPublic(method, concrete) ? [] : [{ [BEARER_SCHEME]: [] }];
  }
}

/** The document's `tags` list: every tag an operation uses, with its description. */
export function declareTags(document: OpenAPIObject): void {
  const used = new Set<string>();
  for (const { op } of operationsOf(document)) for (const tag of op.tags ?? []) used.add(tag);
  document.tags = [...used].sort().map((name) => ({ name, ...(TAG_DESCRIPTIONS[name] ? { description: TAG_DESCRIPTIONS[name] } : {}) }));
}

/** A JSON request body without its own example gets one composed from its schema (redocly checks it against the schema). */
export function addRequestBodyExamples(document: OpenAPIObject): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  for (const { op } of operationsOf(document)) {
    const media = op.requestBody?.content?.['application/json'];
    if (!media?.schema || media.example !== undefined || media.examples !== undefined) continue;
    media.example = exampleOf(media.schema, schemas, 0);
  }
}

const SAMPLE_BY_FORMAT: Record<string, string> = {
  'date-time': '2026-01-31T12:00:00Z',
  uuid: '3f0c6b8e-2a4d-4c1e-9b7a-5d2f8e6a1c40',
};

/** The schema's own example, else one built from its parts: required properties and those with an example. */
function exampleOf(schema: Schema, schemas: Record<string, Schema>, depth: number): unknown {
  if (depth > 8) return undefined;
  if (typeof schema.$ref === 'string')
    return exampleOf(schemas[schema.$ref.replace('#/components/schemas/', '')] ?? {}, schemas, depth + 1);
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    const parts = schema[key];
    if (Array.isArray(parts) && parts.length > 0) return exampleOf(parts[0] as Schema, schemas, depth + 1);
  }
  switch (schema.type) {
    case 'array':
      return [exampleOf((schema.items as Schema) ?? {}, schemas, depth + 1)];
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean':
      return false;
    case 'string':
      return SAMPLE_BY_FORMAT[String(schema.format)] ?? 'text';
    default: {
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      const required = new Set((schema.required as string[] | undefined) ?? []);
      const out: Record<string, unknown> = {};
      for (const [name, prop] of Object.entries(props)) {
        if (!required.has(name) && prop.example === undefined) continue;
        const value = exampleOf(prop, schemas, depth + 1);
        if (value !== undefined) out[name] = value;
      }
      return out;
    }
  }
}
