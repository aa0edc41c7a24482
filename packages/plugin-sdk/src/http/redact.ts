/**
 * Secret redaction for log lines and error messages/details. Three nets: the store's secret values
 * anywhere in a string (raw and URL-encoded), header/field names that carry credentials, and query
 * parameters named like credentials.
 */
export const REDACTED = '[REDACTED]';

/** Keys whose values are credentials whatever they contain (headers, JSON fields, query params). */
export const SENSITIVE_NAME =
  /(authorization|api[-_]?key|apikey|token|secret|password|passwd|signature|cookie|^key$|consumer[-_]?key|client[-_]?secret|credential)/i;

export type Redactor = (text: string) => string;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function createRedactor(secrets: readonly string[]): Redactor {
  const forms = new Set<string>();
  for (const s of secrets) {
    if (typeof s !== 'string' || s.length === 0) continue;
    forms.add(s);
    forms.add(encodeURIComponent(s));
  }
  // Longest first, so a secret that contains another is replaced whole.
  const sorted = [...forms].sort((a, b) => b.length - a.length);
  const valuePattern = sorted.length ? new RegExp(sorted.map(escapeRegExp).join('|'), 'g') : undefined;
  // key=value in query strings and form bodies, where the key names a credential.
  const queryPattern = /([?&;](?:[^=&#\s]*?)(?:token|key|secret|signature|password|sig|auth)[^=&#\s]*=)([^&#\s"']*)/gi;

  return (text: string) => {
    let out = valuePattern ? text.replace(valuePattern, REDACTED) : text;
    out = out.replace(queryPattern, (_m, k: string, v: string) => (v ? `${k}${REDACTED}` : k));
    return out;
  };
}

/** A deep copy with every string redacted and every sensitively-named key's value replaced. */
export function redactDeep(value: unknown, redact: Redactor, depth = 0): unknown {
  if (depth > 8) return '[…]';
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact, depth + 1));
  if (value && typeof value === 'object') {
    if (value instanceof Error) return { name: value.name, message: redact(value.message) };
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = SENSITIVE_NAME.test(k) && v !== undefined && v !== null && v !== '' ? REDACTED : redactDeep(v, redact, depth + 1);
    }
    return out;
  }
  return value;
}

/** Headers fit for a log line: credential-carrying headers replaced, secrets removed from the rest. */
export function redactHeaders(headers: Record<string, string>, redact: Redactor): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = SENSITIVE_NAME.test(k) ? REDACTED : redact(String(v));
  return out;
}
