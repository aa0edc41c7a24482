/** A JSON object: not null, not an array, not a scalar (what a parsed body must be before its fields are read). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
