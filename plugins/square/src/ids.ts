/** Square's id rule. */

/** A Square catalog object id: 1–100 characters (catalog_object_id maxLength 100), no spaces or slashes. */
export function isSquareId(raw: string): boolean {
  return /^[A-Za-z0-9_-]{1,100}$/.test(raw);
}
