/**
 * "A 400 names every offending field at once" (issue 7): some request bodies also need checks only a
 * service can make (unknown catalog variant, facility, selling region, the fulfillment model). A body
 * DTO marked `@ReferenceChecked('updates')` is not refused by the validation pipe on format errors:
 * the pipe hands the service the body with those errors attached (to the body and to its batch array),
 * and the service runs its reference checks on the items whose format is valid, then refuses the
 * request with both lists merged — or accepts it when there is nothing to report.
 *
 * A service receiving such a body MUST start with `formatErrorsOf(...)`.
 */
import 'reflect-metadata';
import type { ValidationDetail } from './api-errors';

const REFERENCE_CHECKED = Symbol('referenceChecked');
const FORMAT_ERRORS = Symbol('formatErrors');

/** `batch`: the body property holding the items (its array carries the errors too). */
export function ReferenceChecked(batch?: string): ClassDecorator {
  return (target) => Reflect.defineMetadata(REFERENCE_CHECKED, { batch }, target);
}

export function referenceCheckedBatch(metatype: unknown): { batch?: string } | undefined {
  return typeof metatype === 'function' ? (Reflect.getMetadata(REFERENCE_CHECKED, metatype) as { batch?: string } | undefined) : undefined;
}

export function attachFormatErrors(target: object, details: readonly ValidationDetail[], total: number): void {
  Object.defineProperty(target, FORMAT_ERRORS, { value: { details, total }, enumerable: false, configurable: true });
}

/** The format errors the pipe found (none when the body was valid). */
export function formatErrorsOf(target: unknown): { details: readonly ValidationDetail[]; total: number } {
  const found = typeof target === 'object' && target !== null ? (target as Record<symbol, unknown>)[FORMAT_ERRORS] : undefined;
  return (found as { details: readonly ValidationDetail[]; total: number } | undefined) ?? { details: [], total: 0 };
}
