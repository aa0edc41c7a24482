import { isJsonObject } from './json-object';

/**
 * A platform's answer body as a JSON object: the body itself, or the JSON text the client keeps of a failed answer
 * (`error.details.body`, a redacted snippet of at most 500 characters). Undefined for anything else: text that is
 * not JSON (or was cut short), an array, a scalar.
 */
export function jsonBodyOf(data: unknown): Record<string, unknown> | undefined {
  if (typeof data !== 'string') return isJsonObject(data) ? data : undefined;
  try {
    const parsed: unknown = JSON.parse(data);
    return isJsonObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
