/** Flattens class-validator's error tree into "path.to.field message" strings. */
import type { ValidationError } from 'class-validator';

export function formatValidationErrors(errors: readonly ValidationError[], prefix: string): string[] {
  const out: string[] = [];
  for (const e of errors) {
    const path = `${prefix}.${e.property}`;
    // One message per property is enough: "must be a positive integer" twice helps nobody.
    const messages = [...new Set(Object.values(e.constraints ?? {}))];
    for (const m of messages) out.push(`${path} ${m}`);
    if (e.children?.length) out.push(...formatValidationErrors(e.children, path));
  }
  return out;
}
