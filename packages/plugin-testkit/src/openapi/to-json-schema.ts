/**
 * OpenAPI 3.0 / Swagger 2.0 schemas are almost JSON Schema draft-07; the gaps Ajv trips on are
 * `nullable` and the draft-04 boolean exclusiveMinimum/Maximum. This rewrites a whole document once
 * (a deep copy), so $refs into components resolve to already-converted schemas.
 */
type Json = unknown;

function convertNode(node: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = convert(v);

  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[flag] === 'boolean') {
      if (out[flag] === true && typeof out[bound] === 'number') {
        out[flag] = out[bound];
        delete out[bound];
      } else delete out[flag];
    }
  }

  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
      return out;
    }
    return { anyOf: [out, { type: 'null' }] };
  }
  if (out.nullable === false) delete out.nullable;
  return out;
}

function convert(v: Json): Json {
  if (Array.isArray(v)) return v.map(convert);
  if (v && typeof v === 'object') return convertNode(v as Record<string, unknown>);
  return v;
}

export function toJsonSchemaDocument<T>(doc: T): T {
  return convert(doc) as T;
}
