/**
 * The error taxonomy. The orchestrator acts on the class, never on a platform's message:
 * AuthError → store needs_reconnect; RateLimited / Transient → keep pending, retry later;
 * NotFound → flag the synced variant; Rejected → record it, do not retry blindly.
 * Messages must never contain a secret (the HTTP client redacts before building them).
 */
export type PluginErrorCode = 'auth' | 'rate_limited' | 'transient' | 'not_found' | 'rejected';

export abstract class PluginError extends Error {
  abstract readonly code: PluginErrorCode;
  /** Whether trying the same call later may succeed. */
  abstract readonly retryable: boolean;
  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
  toJSON() {
    return { code: this.code, name: this.name, message: this.message, details: this.details };
  }
}

export class AuthError extends PluginError {
  readonly code = 'auth' as const;
  readonly retryable = false;
}

export class RateLimited extends PluginError {
  readonly code = 'rate_limited' as const;
  readonly retryable = true;
  constructor(
    message: string,
    readonly retryAfterMs: number,
    details?: Record<string, unknown>,
  ) {
    super(message, details);
  }
}

export class Transient extends PluginError {
  readonly code = 'transient' as const;
  readonly retryable = true;
}

export class NotFound extends PluginError {
  readonly code = 'not_found' as const;
  readonly retryable = false;
}

export class Rejected extends PluginError {
  readonly code = 'rejected' as const;
  readonly retryable = false;
}

export function isPluginError(e: unknown): e is PluginError {
  return e instanceof PluginError;
}
