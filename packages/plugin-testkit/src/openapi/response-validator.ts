/**
 * openApiResponseValidator: checks a response body (a simulator's answer) against the response schema an
 * official spec gives for that operation and status, so a simulator cannot answer in a shape the real
 * platform never uses. Throws when the spec has no such operation or no schema for that status (a test
 * must not pass by validating against nothing).
 */
import type { ValidateFunction } from 'ajv';
import type { OpenApiSpec } from './load-spec';
import { formatError, pointerEscape, prepare, resolveLocal, SPEC_ID, type BodyValidation } from './body-validator';

export interface ResponseValidatorOptions {
  /** Which response content to validate against (default: the JSON one). */
  contentType?: string;
}

function locateResponseSchema(
  spec: OpenApiSpec,
  method: string,
  pathTemplate: string,
  status: number,
  opts: ResponseValidatorOptions,
): string {
  const m = method.toLowerCase();
  const op = spec.paths?.[pathTemplate]?.[m] as Record<string, unknown> | undefined;
  if (!op) throw new Error(`the spec has no operation ${method.toUpperCase()} ${pathTemplate}`);
  const responses = (op.responses ?? {}) as Record<string, unknown>;
  const key = [String(status), `${String(status)[0]}XX`, `${String(status)[0]}xx`, 'default'].find((k) => k in responses);
  if (!key) throw new Error(`${method.toUpperCase()} ${pathTemplate} documents no ${status} response`);
  let pointer = `#/paths/${pointerEscape(pathTemplate)}/${m}/responses/${pointerEscape(key)}`;
  let response = responses[key] as Record<string, unknown>;
  if (typeof response.$ref === 'string') {
    pointer = response.$ref;
    response = resolveLocal(spec, response.$ref) as Record<string, unknown>;
  }
  if (spec.swagger) {
    if (!response.schema) throw new Error(`${method.toUpperCase()} ${pathTemplate} ${key} has no response schema`);
    return `${pointer}/schema`;
  }
  const content = (response.content ?? {}) as Record<string, { schema?: unknown }>;
  const wanted = opts.contentType ?? Object.keys(content).find((t) => /json/i.test(t) && content[t]?.schema !== undefined);
  if (!wanted || !content[wanted]?.schema) throw new Error(`${method.toUpperCase()} ${pathTemplate} ${key} has no JSON response schema`);
  return `${pointer}/content/${pointerEscape(wanted)}/schema`;
}

export function openApiResponseValidator(
  spec: OpenApiSpec,
  method: string,
  pathTemplate: string,
  status: number,
  opts: ResponseValidatorOptions = {},
): (body: unknown) => BodyValidation {
  const pointer = locateResponseSchema(spec, method, pathTemplate, status, opts);
  const validate: ValidateFunction = prepare(spec).strict.compile({ $ref: `${SPEC_ID}${pointer}` });
  return (body: unknown) => {
    if (validate(body)) return { ok: true };
    return { ok: false, errors: [...new Set((validate.errors ?? []).map(formatError))] };
  };
}
