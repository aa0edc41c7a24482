/** Opaque keyset cursors: base64url of `{ "after": <row id> }`. Clients must not build them. */
export function encodeCursor(afterId: string): string {
  return Buffer.from(JSON.stringify({ after: afterId }), 'utf8').toString('base64url');
}

/** Largest value of a PostgreSQL bigint (row ids): a cursor beyond it is not one of ours. */
const MAX_BIGINT = 9223372036854775807n;

/** The row id to continue after, or undefined when the cursor is not one of ours. */
export function decodeCursor(cursor: string): string | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    const after = parsed?.after;
    return typeof after === 'string' && /^\d{1,19}$/.test(after) && BigInt(after) <= MAX_BIGINT ? after : undefined;
  } catch {
    return undefined;
  }
}
