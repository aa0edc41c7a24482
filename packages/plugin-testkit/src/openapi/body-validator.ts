/**
 * openApiBodyValidator: checks a request body against the operation's requestBody schema in an
 * official spec, so a simulator rejects what the real platform would. JSON bodies are validated as
 * sent; form bodies (all strings on the wire) with type coercion.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { OpenApiSpec } from './load-spec';
import { toJsonSchemaDocument } from './to-json-schema';

export type BodyValidation = { ok: true } | { ok: false; errors: string[] };

export interface BodyValidatorOptions {
  /** Which requestBody content to validate against (default: JSON, else form, else the first). */
  contentType?: string;
}

export interface Prepared {
  strict: Ajv;
  coercing: Ajv;
}

export const SPEC_ID = 'openapi:spec';
const prepared = new WeakMap<OpenApiSpec, Prepared>();

function makeAjv(coerce: boolean, doc: unknown): Ajv {
  // strict: false — specs carry `example`, `x-…`, `discriminator`, `xml`: annotations Ajv need not know.
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateSchema: false, coerceTypes: coerce ? 'array' : false });
  addFormats(ajv);
  ajv.addSchema(doc as object, SPEC_ID);
  return ajv;
}

export function prepare(spec: OpenApiSpec): Prepared {
  let p = prepared.get(spec);
  if (!p) {
    const doc = toJsonSchemaDocument(spec);
    p = { strict: makeAjv(false, doc), coercing: makeAjv(true, doc) };
    prepared.set(spec, p);
  }
  return p;
}

export function pointerEscape(s: string): string {
  // JSON-pointer escaping, then URI-encoding: path templates carry '{' '}' that a $ref URI may not.
  return encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'));
}

export function resolveLocal(spec: OpenApiSpec, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported, got ${ref}`);
  let node: unknown = spec;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node as Record<string, unknown>)?.[key];
  }
  return node;
}

interface Located {
  /** JSON pointer (inside the spec) of the body schema. */
  pointer: string;
  required: boolean;
  json: boolean;
}

function locateBodySchema(spec: OpenApiSpec, method: string, pathTemplate: string, opts: BodyValidatorOptions): Located | undefined {
  const m = method.toLowerCase();
  const op = spec.paths?.[pathTemplate]?.[m] as Record<string, unknown> | undefined;
  if (!op) throw new Error(`the spec has no operation ${method.toUpperCase()} ${pathTemplate}`);
  const opPointer = `#/paths/${pointerEscape(pathTemplate)}/${m}`;

  if (spec.swagger) {
    // Swagger 2.0: the body is a parameter `in: body`.
    const params = (op.parameters as Record<string, unknown>[] | undefined) ?? [];
    const i = params.findIndex((p) => (p.$ref ? (resolveLocal(spec, String(p.$ref)) as Record<string, unknown>) : p)?.in === 'body');
    if (i < 0) return undefined;
    const param = params[i].$ref ? String(params[i].$ref) : `${opPointer}/parameters/${i}`;
    const resolved = resolveLocal(spec, param) as Record<string, unknown>;
    return { pointer: `${param}/schema`, required: resolved.required === true, json: true };
  }

  let bodyPointer = `${opPointer}/requestBody`;
  let body = op.requestBody as Record<string, unknown> | undefined;
  if (!body) return undefined;
  if (typeof body.$ref === 'string') {
    bodyPointer = body.$ref;
    body = resolveLocal(spec, body.$ref) as Record<string, unknown>;
  }
  const content = (body?.content ?? {}) as Record<string, { schema?: unknown }>;
  const types = Object.keys(content).filter((t) => content[t]?.schema !== undefined);
  const wanted =
    opts.contentType ??
    types.find((t) => /json/i.test(t)) ??
    types.find((t) => /x-www-form-urlencoded/i.test(t)) ??
    types.find((t) => /multipart\/form-data/i.test(t)) ??
    types[0];
  if (!wanted) return undefined;
  if (!content[wanted]?.schema) throw new Error(`${method.toUpperCase()} ${pathTemplate} has no ${wanted} request body schema`);
  return {
    pointer: `${bodyPointer}/content/${pointerEscape(wanted)}/schema`,
    required: body.required === true,
    json: /json/i.test(wanted),
  };
}

export function formatError(e: ErrorObject): string {
  const where = e.instancePath || '(body)';
  if (e.keyword === 'additionalProperties')
    return `${where} has unknown property '${(e.params as { additionalProperty: string }).additionalProperty}'`;
  if (e.keyword === 'enum') return `${where} must be one of ${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)}`;
  return `${where} ${e.message ?? 'is invalid'}`;
}

export function openApiBodyValidator(
  spec: OpenApiSpec,
  method: string,
  pathTemplate: string,
  opts: BodyValidatorOptions = {},
): (body: unknown) => BodyValidation {
  const located = locateBodySchema(spec, method, pathTemplate, opts);
  if (!located) {
    // The operation takes no body: nothing to check (clients often send {} or nothing).
    return () => ({ ok: true });
  }
  const p = prepare(spec);
  const ajv = located.json ? p.strict : p.coercing;
  const validate: ValidateFunction = ajv.compile({ $ref: `${SPEC_ID}${located.pointer}` });
  return (body: unknown) => {
    if (body === undefined || body === '') {
      return located.required ? { ok: false, errors: ['(body) is required'] } : { ok: true };
    }
    // Coercion rewrites its input; never touch the caller's object.
    const data = located.json ? body : structuredClone(body);
    if (validate(data)) return { ok: true };
    return { ok: false, errors: [...new Set((validate.errors ?? []).map(formatError))] };
  };
}
