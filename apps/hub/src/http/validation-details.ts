/**
 * Turns class-validator's error tree into flat `{ path, message }` entries naming every offending field
 * with paths like `updates[3].observedAt` (array indexes in brackets, properties dotted).
 */
import type { ValidationError } from 'class-validator';
import type { ValidationDetail } from './api-errors';

export function flattenValidationErrors(errors: readonly ValidationError[]): ValidationDetail[] {
  // One entry per offending field: several failed constraints of one field share it.
  const byPath = new Map<string, string[]>();
  for (const d of collect(errors, '')) byPath.set(d.path, [...(byPath.get(d.path) ?? []), d.message]);
  return [...byPath].map(([path, messages]) => ({ path, message: messages.join('; ') }));
}

function collect(errors: readonly ValidationError[], parent: string): ValidationDetail[] {
  const out: ValidationDetail[] = [];
  for (const error of errors) {
    const path = joinPath(parent, error.property);
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      out.push({ path, message: rewriteMessage(constraint, message, error.property, path) });
    }
    if (error.children?.length) out.push(...collect(error.children, path));
  }
  return out;
}

function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

/** class-validator messages start with the bare property name; name the full path instead. */
function rewriteMessage(constraint: string, message: string, property: string, path: string): string {
  if (constraint === 'whitelistValidation') return `${path} is not an allowed field`;
  if (message.startsWith(`${property} `)) return `${path}${message.slice(property.length)}`;
  if (message.startsWith('each value in ')) return message.replace(`each value in ${property}`, `each value in ${path}`);
  return message;
}
