/**
 * Expiry arithmetic for token answers: `expires_in` (seconds from now, RFC 6749 §5.1) → an ISO 8601 instant.
 * Some platforms send the number as a string; anything else (absent, zero, negative, not a number) means
 * "the answer did not say", never "already expired".
 */

/** Seconds as the platform sent them → a positive number of seconds, or undefined. */
export function lifetimeSeconds(value: unknown): number | undefined {
  // Number('') and Number('  ') are 0, which the positive check refuses like any other non-lifetime.
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

export function expiresAtFrom(seconds: unknown, now: number | Date): string | undefined {
  const s = lifetimeSeconds(seconds);
  if (s === undefined) return undefined;
  const from = typeof now === 'number' ? now : now.getTime();
  return new Date(from + s * 1000).toISOString();
}

/** Unix seconds (a number or a numeric string, fractions allowed) → an ISO 8601 instant; anything else → undefined. */
export function instantFromUnixSeconds(value: unknown): string | undefined {
  const s = lifetimeSeconds(value);
  return s === undefined ? undefined : new Date(Math.round(s * 1000)).toISOString();
}
