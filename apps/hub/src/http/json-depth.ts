/**
 * A cap on how deeply a JSON body may nest, checked on the raw bytes before parsing: a linear scan with
 * a counter (no recursion, so no stack to overflow), stopping at the first level past the limit. JSON
 * nested 2 500 levels used to overflow the stack in validation.
 */
export const MAX_JSON_DEPTH = 32;

/** Body-parser error type of a body nested too deeply (the exception filter answers 400 naming `body`). */
export const JSON_TOO_DEEP = 'entity.too.deep';

/** True when arrays/objects in UTF-8 JSON text nest deeper than `limit` (brackets inside strings do not count). */
export function nestsDeeperThan(text: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > limit) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    }
  }
  return false;
}

/** body-parser `verify` hook: throws (type JSON_TOO_DEEP) for a body over MAX_JSON_DEPTH. */
export function verifyJsonDepth(_req: unknown, _res: unknown, body: Uint8Array): void {
  if (nestsDeeperThan(body, MAX_JSON_DEPTH)) {
    throw Object.assign(new Error(`the body nests deeper than ${MAX_JSON_DEPTH} levels`), { type: JSON_TOO_DEEP });
  }
}
