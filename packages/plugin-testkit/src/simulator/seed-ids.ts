/**
 * seedIntegerId: a seeded product or variant id, for a simulator whose platform numbers them (positive integers):
 * the number, or a thrown error naming what was wrong, so a test seeding 'abc' fails at the seed, not later.
 */

/**
 * `raw` as a positive integer (no sign, no leading zero); `what` names it in the error ('WooCommerce variation').
 * `maxDigits`: where the platform's ids are bounded (e.g. 18 digits), longer ones are refused too.
 */
export function seedIntegerId(raw: string, what: string, maxDigits?: number): number {
  const digits = maxDigits === undefined ? '\\d*' : `\\d{0,${maxDigits - 1}}`;
  if (!new RegExp(`^[1-9]${digits}$`).test(raw)) throw new Error(`${what} ids are positive integers, got '${raw}'`);
  return Number(raw);
}
