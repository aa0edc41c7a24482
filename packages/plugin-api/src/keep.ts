/** What a written outcome's `keep` may hold (since 1.7.0): the host and the testkit hold plugins to it. */

/** The most entries, and the longest key or value, of one `keep`. */
export const KEEP_LIMITS = { entries: 8, chars: 200 } as const;

/** Why `keep` cannot be kept, or undefined when it can (an object of at most KEEP_LIMITS strings). */
export function keepProblem(keep: unknown): string | undefined {
  if (typeof keep !== 'object' || keep === null || Array.isArray(keep)) return 'keep is not an object of strings';
  const entries = Object.entries(keep);
  if (entries.length > KEEP_LIMITS.entries) return `keep has ${entries.length} entries (at most ${KEEP_LIMITS.entries})`;
  for (const [k, v] of entries) {
    if (typeof v !== 'string') return `keep.${k} is not a string`;
    if (k.length > KEEP_LIMITS.chars || v.length > KEEP_LIMITS.chars)
      return `keep.${k.slice(0, 40)} is longer than ${KEEP_LIMITS.chars} characters`;
  }
  return undefined;
}
