/**
 * A stock count as a platform sends it (a number, or a decimal string such as Square's "3.5") in whole units:
 * floored, never below 0; 0 when it is not a finite number (absent included).
 */
export function wholeUnits(raw: unknown): number {
  const n = Number(raw);
  return Number.isFinite(n) ? Math.max(0, Math.floor(n)) : 0;
}
