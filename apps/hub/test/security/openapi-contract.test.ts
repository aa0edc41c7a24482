/**
 * The served OpenAPI document states every error answer with its body schema (401 on every protected
 * operation, 400 where there is input, 404 where a path names a resource, 413/415 where there is a body,
 * 429 with Retry-After), and types every property (no bare `type: object` standing in for a scalar or
 * an unspecified object, as `reconcileIntervalSeconds` once was).
 */
import { describeHub } from '../support/hub-harness';
import {
  fetchOpenApi,
  operationsOf,
  resolveSchema,
  type OpenApiDocument,
  type Operation,
  type SchemaObject,
} from './support/openapi-operations';

const PUBLIC = [
  'GET /health',
  'GET /health/live',
  'GET /health/ready',
  // Scrapers hold no API token: /metrics checks its own metrics token (src/metrics/metrics-access.ts).
  'GET /metrics',
  // The OAuth routes platforms and merchants' browsers call (src/oauth/oauth.controller.ts): no token, each proves itself.
  'GET /oauth/callback/{platform}',
  'POST /oauth/callback/{platform}',
  'GET /oauth/start/{id}',
  'GET /oauth/uninstall/{platform}',
  'POST /oauth/uninstall/{platform}',
  // Platform notices (src/notices/notices.controller.ts): no token; the platform's signature (store, subscription or app key).
  'POST /hooks/{platform}/{storeId}',
  'POST /hooks/{platform}',
];

describeHub('the OpenAPI document', (hub) => {
  let doc: OpenApiDocument;
  let ops: Operation[];
  beforeAll(async () => {
    doc = await fetchOpenApi(hub().url);
    ops = operationsOf(doc);
  });

  const errorSchema = (op: Operation, status: string) =>
    resolveSchema(doc, op.operation.responses?.[status]?.content?.['application/json']?.schema);
  const errorCode = (op: Operation, status: string) => (errorSchema(op, status)?.properties?.error?.enum ?? [])[0];

  it('every operation but the public ones is protected and documents 401 { error: "unauthorized" } and 429', () => {
    expect(ops.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const op of ops) {
      const name = `${op.method} ${op.template}`;
      if (PUBLIC.includes(name)) {
        if (op.operation.security?.length) problems.push(`${name} is public but documented as protected`);
        continue;
      }
      if (!op.operation.security?.length) problems.push(`${name}: no security requirement`);
      if (errorCode(op, '401') !== 'unauthorized') problems.push(`${name}: 401 without the unauthorized schema`);
      if (errorCode(op, '429') !== 'too_many_requests') problems.push(`${name}: 429 without its schema`);
      if (!op.operation.responses?.['429']?.['headers' as never]) problems.push(`${name}: 429 without Retry-After`);
    }
    expect(problems).toEqual([]);
  });

  it('400 validation_failed (with details) where there is input, 404 where the path names a resource, 413 and 415 where there is a body', () => {
    const problems: string[] = [];
    for (const op of ops) {
      const name = `${op.method} ${op.template}`;
      const hasInput = (op.operation.parameters?.length ?? 0) > 0 || op.hasBody;
      if (hasInput) {
        const s = errorSchema(op, '400');
        if (errorCode(op, '400') !== 'validation_failed' || s?.properties?.details?.type !== 'array') problems.push(`${name}: 400`);
      }
      if (op.operation.parameters?.some((p) => p.in === 'path') && errorCode(op, '404') !== 'not_found') problems.push(`${name}: 404`);
      if (op.hasBody && errorCode(op, '413') !== 'payload_too_large') problems.push(`${name}: 413`);
      if (op.hasBody && errorCode(op, '415') !== 'unsupported_media_type') problems.push(`${name}: 415`);
    }
    expect(problems).toEqual([]);
  });

  it('503 busy with Retry-After on every write (PUT, POST, PATCH, DELETE)', () => {
    const problems = ops
      .filter((op) => ['PUT', 'POST', 'PATCH', 'DELETE'].includes(op.method))
      .filter((op) => errorCode(op, '503') !== 'busy' || !op.operation.responses?.['503']?.['headers' as never])
      .map((op) => `${op.method} ${op.template}`);
    expect(problems).toEqual([]);
  });

  it('route-specific errors: 409 and 502 on PATCH /v1/stores/{id}, 502 on POST /v1/stores', () => {
    const find = (m: string, t: string) => ops.find((o) => o.method === m && o.template === t)!;
    expect(errorCode(find('PATCH', '/v1/stores/{id}'), '409')).toBe('conflict');
    expect(errorCode(find('PATCH', '/v1/stores/{id}'), '502')).toBe('platform_unavailable');
    expect(errorCode(find('POST', '/v1/stores'), '502')).toBe('platform_unavailable');
  });

  it('every 4xx answer of every operation has a JSON body schema with an error code', () => {
    const problems: string[] = [];
    for (const op of ops) {
      for (const status of Object.keys(op.operation.responses ?? {}).filter((s) => /^4/.test(s))) {
        // 431 is Node's HTTP server's own answer to oversized headers, without a body (documented as such).
        if (status === '431' && !op.operation.responses?.[status]?.content) continue;
        if (!errorCode(op, status)) problems.push(`${op.method} ${op.template} ${status}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('no property is a bare `type: object` (a scalar typed as object, or an object whose shape is not said)', () => {
    const bare: string[] = [];
    const walk = (s: SchemaObject | undefined, where: string) => {
      if (!s || typeof s !== 'object') return;
      if (s.type === 'object' && !s.properties && !s.additionalProperties) bare.push(where);
      for (const [k, v] of Object.entries(s.properties ?? {})) walk(v, `${where}.${k}`);
      if (s.items) walk(s.items, `${where}[]`);
      for (const key of ['oneOf', 'anyOf', 'allOf'] as const) (s[key] ?? []).forEach((v, i) => walk(v, `${where}.${key}[${i}]`));
    };
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) walk(schema, name);
    expect(bare).toEqual([]);
  });

  it('numbers are numbers: reconcileIntervalSeconds, quantities, counts', () => {
    const prop = (schema: string, p: string) => doc.components!.schemas![schema].properties![p];
    expect(prop('StoreDto', 'reconcileIntervalSeconds').type).toMatch(/^(number|integer)$/);
    // The request bodies document it once their decorators do (the validation side owns them): never as an object.
    for (const schema of ['CreateStoreBody', 'UpdateStoreBody']) {
      const type = doc.components!.schemas![schema].properties?.reconcileIntervalSeconds?.type;
      if (type !== undefined) expect([schema, type]).toEqual([schema, expect.stringMatching(/^(number|integer)$/)]);
    }
    expect(prop('FacilityStockRowDto', 'quantity').type).toMatch(/^(number|integer)$/);
    expect(prop('FacilityStockRowDto', 'status').type).toBe('string');
    expect(prop('SyncVariantDto', 'desired').properties?.kind?.enum).toEqual(['unlimited', 'out_of_stock', 'quantity']);
  });
});
