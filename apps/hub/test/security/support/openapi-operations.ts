/** The operations of the hub's served OpenAPI document, with a concrete path for each (tests walk them all). */
import { rawRequest } from './raw-http';

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

export interface OpenApiOperation {
  operationId?: string;
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: SchemaObject }>;
  requestBody?: { content?: Record<string, { schema?: SchemaObject }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: SchemaObject }> }>;
  security?: Array<Record<string, string[]>>;
}

export interface SchemaObject {
  type?: string;
  format?: string;
  $ref?: string;
  enum?: unknown[];
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  nullable?: boolean;
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  allOf?: SchemaObject[];
  minimum?: number;
  maximum?: number;
  additionalProperties?: boolean | SchemaObject;
  [key: string]: unknown;
}

export interface Operation {
  method: string;
  /** The document's path template, e.g. /v1/stores/{id}. */
  template: string;
  /** The template with each path parameter filled in. */
  path: string;
  operation: OpenApiOperation;
  hasBody: boolean;
}

const HTTP_METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'];
export const SAMPLE_UUID = '00000000-0000-4000-8000-000000000001';

export async function fetchOpenApi(baseUrl: string): Promise<OpenApiDocument> {
  const res = await rawRequest(baseUrl, { method: 'GET', path: '/docs/openapi.json' });
  if (res.status !== 200) throw new Error(`GET /docs/openapi.json answered ${res.status}`);
  return res.body as OpenApiDocument;
}

export function operationsOf(doc: OpenApiDocument, params: Record<string, string> = {}): Operation[] {
  const out: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!HTTP_METHODS.includes(method)) continue;
      const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => {
        if (params[name]) return params[name];
        const schema = operation.parameters?.find((p) => p.in === 'path' && p.name === name)?.schema;
        return schema?.type === 'number' || schema?.type === 'integer' ? '1' : SAMPLE_UUID;
      });
      out.push({ method: method.toUpperCase(), template, path, operation, hasBody: operation.requestBody !== undefined });
    }
  }
  return out;
}

/** Resolves a local $ref (#/components/schemas/X). */
export function resolveSchema(doc: OpenApiDocument, schema: SchemaObject | undefined): SchemaObject | undefined {
  let s = schema;
  for (let i = 0; s?.$ref && i < 10; i++) s = doc.components?.schemas?.[s.$ref.replace('#/components/schemas/', '')];
  return s;
}
