/**
 * specBodyChecks: a simulator's request-body checks, one per documented operation, built from the platform's
 * published OpenAPI document (openApiBodyValidator). The simulator lists its operations once, by name:
 *   specBodyChecks(spec, { saveSourceItems: ['POST', '/V1/inventory/source-items'] }).saveSourceItems(body)
 */
import { openApiBodyValidator, type BodyValidation, type OpenApiSpec } from '../openapi';

/** One operation's body check: { ok: true }, or the schema's complaints. */
export type BodyCheck = (body: unknown) => BodyValidation;

/** Operation name → [method, path template as the document writes it]. */
export type SpecOperations = Readonly<Record<string, readonly [method: string, pathTemplate: string]>>;

export type SpecBodyChecks<Ops extends SpecOperations> = { [Name in keyof Ops]: BodyCheck };

export function specBodyChecks<Ops extends SpecOperations>(spec: OpenApiSpec, operations: Ops): SpecBodyChecks<Ops> {
  const checks: Partial<Record<keyof Ops, BodyCheck>> = {};
  for (const name of Object.keys(operations) as (keyof Ops)[]) {
    const [method, pathTemplate] = operations[name];
    checks[name] = openApiBodyValidator(spec, method, pathTemplate);
  }
  return checks as SpecBodyChecks<Ops>;
}
