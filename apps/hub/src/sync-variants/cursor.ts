/** Opaque keyset cursors: base64url of `{ "after": <row id> }`. Clients must not build them. */
export function encodeCursor(afterId: string): string {
  return Buffer.from(JSON.stringify({ after: afterId }), 'utf8').toString('base64url');
}

/** The row id to continue after, or undefined when the cursor is not one of ours. */
export function decodeCursor(cursor: string): string | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    return typeof parsed.after === 'string' && /^\d{1,19}$/.test(parsed.after) ? parsed.after : undefined;
  } catch {
    return undefined;
  }
}
