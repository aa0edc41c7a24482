/** Splits a list into calls of at most `size` items (a platform's batch limit), order kept. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!(size >= 1) || !Number.isInteger(size)) throw new RangeError('chunk size must be a whole number >= 1');
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
