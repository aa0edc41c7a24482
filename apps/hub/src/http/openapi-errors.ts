/**
 * The error answers of every operation, added to the OpenAPI document from what each operation is:
 * protected (401, 429), taking input (400), taking a body (413, 415), naming a resource in its path (404),
 * writing (503 busy, with Retry-After). Route-specific ones (409, 502) are declared on their handlers with
 * the schemas below. The shapes are
 * HTTP-API.md's: `{ error: "validation_failed", details: [{ path, message }] }`, `{ error: "unauthorized" }`,
 * and `{ error, message }` for the others.
 */
import type { OpenAPIObject } from '@nestjs/swagger';

type Schema = Record<string, unknown>;

const errorWithMessage = (code: string, description: string): Schema => ({
  type: 'object',
  description,
  required: ['error', 'message'],
  properties: { error: { type: 'string', enum: [code] }, message: { type: 'string' } },
});

export const ERROR_SCHEMAS: Record<string, Schema> = {
  ValidationFailedError: {
    type: 'object',
    description: 'invalid input: every offending field is named (`body` when the body itself cannot be read)',
    required: ['error', 'details'],
    properties: {
      error: { type: 'string', enum: ['validation_failed'] },
      details: {
        type: 'array',
        maxItems: 100,
        description: 'the first 100 offending fields',
        items: {
          type: 'object',
          required: ['path', 'message'],
          properties: { path: { type: 'string', example: 'updates[3].observedAt' }, message: { type: 'string' } },
        },
      },
      totalDetails: { type: 'integer', description: 'present when details were cut to the first 100: how many there were' },
    },
  },
  UnauthorizedError: {
    type: 'object',
    description: 'no token, or not one of the configured ones',
    required: ['error'],
    properties: { error: { type: 'string', enum: ['unauthorized'] } },
  },
  NotFoundError: errorWithMessage('not_found', 'the resource named in the path does not exist'),
  ConflictError: errorWithMessage('conflict', 'the change contradicts the resource as it is'),
  PayloadTooLargeError: errorWithMessage('payload_too_large', 'the body is over the size limit (16 MB)'),
  UnsupportedMediaTypeError: errorWithMessage(
    'unsupported_media_type',
    'the body is not application/json in UTF-8, or its Content-Encoding is not identity, gzip, deflate or br',
  ),
  TooManyRequestsError: errorWithMessage(
    'too_many_requests',
    'too many failed authentications from this client address: wait Retry-After seconds',
  ),
  PlatformUnavailableError: errorWithMessage('platform_unavailable', 'the platform could not be reached to verify the credentials'),
  BusyError: errorWithMessage(
    'busy',
    'a write transaction kept losing a database race after its retries: nothing was written, send the request again',
  ),
};

export const errorSchemaRef = (name: keyof typeof ERROR_SCHEMAS & string) => ({ $ref: `#/components/schemas/${name}` });

interface Operation {
  parameters?: Array<{ in?: string }>;
  requestBody?: unknown;
  security?: unknown[];
  responses: Record<string, unknown>;
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];
const WRITE_METHODS = ['put', 'post', 'patch', 'delete'];

export function documentErrorResponses(document: OpenAPIObject): void {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...ERROR_SCHEMAS } };
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (!op) continue;
      const params = op.parameters ?? [];
      if (params.length > 0 || op.requestBody) add(op, '400', 'invalid input', 'ValidationFailedError');
      if (op.security?.length) {
        add(op, '401', 'missing or wrong bearer token', 'UnauthorizedError');
        add(op, '429', 'too many failed authentications from this client address', 'TooManyRequestsError', {
          'Retry-After': { description: 'seconds until the address may try again', schema: { type: 'integer' } },
        });
      }
      if (params.some((p) => p.in === 'path')) add(op, '404', 'no such resource', 'NotFoundError');
      if (op.requestBody) {
        add(op, '413', 'body over the size limit', 'PayloadTooLargeError');
        add(op, '415', 'body not JSON', 'UnsupportedMediaTypeError');
      }
      if (WRITE_METHODS.includes(method)) {
        add(op, '503', 'the database stayed busy with conflicting writes: nothing was written, send it again', 'BusyError', {
          'Retry-After': { description: 'seconds to wait before sending it again', schema: { type: 'integer' } },
        });
      }
    }
  }
}

function add(op: Operation, status: string, description: string, schema: keyof typeof ERROR_SCHEMAS & string, headers?: Schema): void {
  if (op.responses[status]) return; // a handler's own declaration wins
  op.responses[status] = {
    description,
    ...(headers ? { headers } : {}),
    content: { 'application/json': { schema: errorSchemaRef(schema) } },
  };
}
