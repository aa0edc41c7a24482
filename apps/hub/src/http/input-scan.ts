/**
 * Checks on a request's raw JSON made BEFORE class-transformer and class-validator see it:
 * - batch sizes: an array over its `@ArrayMaxSize` is refused before a single item is validated (a
 *   16 MB body of numbers once kept the event loop busy for 27 s);
 * - NUL characters: PostgreSQL text cannot hold U+0000, so a string (or a key) carrying one is refused
 *   here, naming the field, instead of failing in the database with a 500.
 * Both walks are iterative (no stack overflow whatever the nesting) and stop counting paths at a bound.
 */
import type { Type } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import type { ValidationDetail } from './api-errors';
import { joinPath } from './validation-details';

/** Top-level arrays of `value` longer than the `@ArrayMaxSize` their DTO property declares. */
export function oversizedArrays(metatype: Type<unknown>, value: unknown): ValidationDetail[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const details: ValidationDetail[] = [];
  for (const m of getMetadataStorage().getTargetValidationMetadatas(metatype, '', true, false)) {
    if (m.name !== 'arrayMaxSize') continue;
    const max = Number(m.constraints?.[0]);
    const items = (value as Record<string, unknown>)[m.propertyName];
    if (Array.isArray(items) && items.length > max) {
      details.push({
        path: m.propertyName,
        message: `${m.propertyName} has ${items.length} entries: at most ${max} per request (split the batch); its entries were not checked`,
      });
    }
  }
  return details;
}

/** Every string value or key holding a NUL character, with its path (`updates[3].facility`). */
export function nulCharacters(value: unknown, root = ''): { details: ValidationDetail[]; total: number } {
  const details: ValidationDetail[] = [];
  let total = 0;
  const report = (path: string) => {
    total++;
    if (details.length < 1000)
      details.push({ path: path || 'body', message: `${path || 'body'} must not contain a NUL character (\\u0000)` });
  };
  const stack: { v: unknown; path: string }[] = [{ v: value, path: root }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) report(path);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: `${path}[${i}]` });
    } else if (typeof v === 'object' && v !== null) {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        if (key.includes('\u0000')) report(joinPath(path, key.replaceAll('\u0000', '\\u0000')));
        else stack.push({ v: (v as Record<string, unknown>)[key], path: joinPath(path, key) });
      }
    }
  }
  return { details, total };
}
