import type { ValidationDetail } from './api-errors';

/** One detail per entry whose key repeats an earlier entry's (batches must not name a thing twice). */
export function duplicateDetails<T>(
  items: readonly T[],
  key: (item: T, index: number) => string,
  path: (index: number) => string,
): ValidationDetail[] {
  const first = new Map<string, number>();
  const out: ValidationDetail[] = [];
  items.forEach((item, i) => {
    const k = key(item, i);
    const seen = first.get(k);
    if (seen === undefined) first.set(k, i);
    else out.push({ path: path(i), message: `${path(i)} repeats ${path(seen)}; each entry may appear once per batch` });
  });
  return out;
}
