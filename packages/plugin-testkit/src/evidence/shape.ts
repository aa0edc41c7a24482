/**
 * Recursive shape comparison between a platform's documented example and an actual body (a simulator's
 * answer, or what a plugin sends). It compares field names at the same paths and JSON types — never
 * values — so a simulator cannot drift from the platform's documented answer without a test noticing.
 *
 * Rules:
 * - every field the document shows must be present in the actual body, with the same JSON type
 *   (`integer` and `number` are one type unless `strictNumbers` is set);
 * - a documented `null` matches any type (the document shows the field, not its type);
 * - an actual `null` matches a documented non-null field only when the path is listed in `nullable`;
 * - arrays: every actual element is compared with the documented elements' shapes merged: a field shown
 *   in every documented element is required, one shown in only some is optional (its type still checked);
 *   an empty documented array accepts any elements; an empty actual array is fine;
 * - fields the actual body has and the document does not show are allowed (examples are often
 *   shortened) unless `closed` is set, in which case they are reported too.
 */
export interface ShapeOptions {
  /** Report fields the actual body has but the document does not show. */
  closed?: boolean;
  /** Paths (as reported, e.g. `data[].inventory_level`) where the actual value may be null. */
  nullable?: readonly string[];
  /** Paths to leave out of the comparison (each with a reason in the test). */
  ignore?: readonly string[];
  /** Distinguish integers from other numbers. */
  strictNumbers?: boolean;
}

export type JsonType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

export function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'boolean' || typeof value === 'string' || typeof value === 'object') return typeof value as JsonType;
  throw new Error(`not a JSON value: ${typeof value}`);
}

/** Every difference between the documented shape and the actual one, as readable lines; [] when they agree. */
export function shapeDifferences(documented: unknown, actual: unknown, options: ShapeOptions = {}): string[] {
  const out: string[] = [];
  compare(documented, actual, '$', options, out);
  return out;
}

/** Throws listing every difference (for tests). `label` names the evidence (its file or URL). */
export function expectSameShape(actual: unknown, documented: unknown, label: string, options: ShapeOptions = {}): void {
  const diffs = shapeDifferences(documented, actual, options);
  if (diffs.length) throw new Error(`${label}: the answer does not have the documented shape:\n  ${diffs.join('\n  ')}`);
}

function compare(doc: unknown, act: unknown, path: string, o: ShapeOptions, out: string[]): void {
  if (o.ignore?.includes(path)) return;
  if (doc === null) return;
  const dt = jsonTypeOf(doc);
  const at = jsonTypeOf(act);
  if (at === 'null') {
    if (!o.nullable?.includes(path)) out.push(`${path}: documented ${dt}, got null`);
    return;
  }
  if (!sameType(dt, at, o)) {
    out.push(`${path}: documented ${dt}, got ${at}`);
    return;
  }
  if (dt === 'array') {
    const docItems = doc as unknown[];
    if (docItems.length === 0) return;
    const merged = docItems.reduce((a, b) => mergeShapes(a, b));
    (act as unknown[]).forEach((item) => compare(merged, item, `${path}[]`, o, out));
    return;
  }
  if (dt === 'object') {
    const d = doc as Record<string, unknown>;
    const a = act as Record<string, unknown>;
    for (const key of Object.keys(d)) {
      const child = `${path}.${key}`;
      if (o.ignore?.includes(child)) continue;
      if (!(key in a)) {
        if (!optionalKeys.get(d)?.has(key)) out.push(`${child}: documented, missing`);
      } else compare(d[key], a[key], child, o, out);
    }
    if (o.closed) {
      for (const key of Object.keys(a)) {
        const child = `${path}.${key}`;
        if (!(key in d) && !o.ignore?.includes(child)) out.push(`${child}: not in the document`);
      }
    }
  }
}

function sameType(doc: JsonType, act: JsonType, o: ShapeOptions): boolean {
  if (doc === act) return true;
  if (o.strictNumbers) return false;
  return (doc === 'integer' || doc === 'number') && (act === 'integer' || act === 'number');
}

/** Fields of a merged array element that not every documented element shows. */
const optionalKeys = new WeakMap<object, Set<string>>();

/** Two documented examples of one element (array items): the union of their fields. */
function mergeShapes(a: unknown, b: unknown): unknown {
  if (a === null) return b;
  if (b === null) return a;
  if (jsonTypeOf(a) === 'object' && jsonTypeOf(b) === 'object') {
    const left = a as Record<string, unknown>;
    const right = b as Record<string, unknown>;
    const out: Record<string, unknown> = { ...left };
    const optional = new Set([...(optionalKeys.get(left) ?? []), ...(optionalKeys.get(right) ?? [])]);
    for (const [k, v] of Object.entries(right)) out[k] = k in out ? mergeShapes(out[k], v) : v;
    for (const k of Object.keys(out)) if (!(k in left) || !(k in right)) optional.add(k);
    optionalKeys.set(out, optional);
    return out;
  }
  return a;
}
