/**
 * Turns class-validator's error tree into flat `{ path, message }` entries naming every offending field
 * with paths like `updates[3].observedAt` (array indexes in brackets, properties dotted).
 *
 * Iterative on purpose: a batch of 10 000 invalid items yields tens of thousands of entries, and a
 * recursive walk that spreads child arrays into `push(...)` overflowed the stack (issue 7).
 */
import type { ValidationError } from 'class-validator';
import type { ValidationDetail } from './api-errors';

export function flattenValidationErrors(errors: readonly ValidationError[]): ValidationDetail[] {
  // One entry per offending field: several failed constraints of one field share it.
  const byPath = new Map<string, string[]>();
  const stack: { error: ValidationError; parent: string }[] = [];
  for (let i = errors.length - 1; i >= 0; i--) stack.push({ error: errors[i]!, parent: '' });
  while (stack.length) {
    const { error, parent } = stack.pop()!;
    const path = joinPath(parent, error.property);
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      const text = rewriteMessage(constraint, message, error.property, path);
      const list = byPath.get(path);
      if (list) list.push(text);
      else byPath.set(path, [text]);
    }
    const children = error.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ error: children[i]!, parent: path });
  }
  const out: ValidationDetail[] = [];
  for (const [path, messages] of byPath) out.push({ path, message: messages.join('; ') });
  return out;
}

export function joinPath(parent: string, property: string): string {
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

/** Indexes of the items of `batch` (e.g. `updates`) that some detail names (`updates[3]…`). */
export function itemIndexesWithErrors(details: readonly ValidationDetail[], batch: string): Set<number> {
  const prefix = `${batch}[`;
  const out = new Set<number>();
  for (const d of details) {
    if (!d.path.startsWith(prefix)) continue;
    const end = d.path.indexOf(']', prefix.length);
    const n = Number(d.path.slice(prefix.length, end));
    if (Number.isInteger(n)) out.add(n);
  }
  return out;
}
