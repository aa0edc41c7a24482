/**
 * The error taxonomy. The host acts on an error's `code`, never on its class or a platform's message:
 * 'auth' → store needs_reconnect; 'rate_limited' / 'transient' → keep pending, retry later;
 * 'not_found' → flag the synced variant; 'rejected' → record it, do not retry blindly.
 * Messages must never contain a secret (the HTTP client redacts before building them).
 *
 * A plugin may bring its own copy of this package (another version, another module instance): its errors
 * are still recognised, because `isPluginError` and `instanceof` (through Symbol.hasInstance) look at the
 * `code`, not at which copy of the class built the error.
 */
export const PLUGIN_ERROR_CODES = ['auth', 'rate_limited', 'transient', 'not_found', 'rejected'] as const;

export type PluginErrorCode = (typeof PLUGIN_ERROR_CODES)[number];

/** The shape every plugin error has, whichever copy of this package created it. */
export function isPluginError(e: unknown): e is PluginError {
  if (typeof e !== 'object' || e === null) return false;
  const { code, retryable, message } = e as { code?: unknown; retryable?: unknown; message?: unknown };
  return (
    typeof code === 'string' &&
    (PLUGIN_ERROR_CODES as readonly string[]).includes(code) &&
    typeof retryable === 'boolean' &&
    typeof message === 'string'
  );
}

/** True when `e` is a plugin error with this code (the host's one way to classify). */
export function hasPluginErrorCode<C extends PluginErrorCode>(e: unknown, code: C): e is PluginError & { code: C } {
  return isPluginError(e) && e.code === code;
}

export abstract class PluginError extends Error {
  /** The code of every instance of this class; set on each of the five concrete classes. */
  static readonly errorCode?: PluginErrorCode;

  /**
   * `x instanceof AuthError` holds for an auth error from any copy of this package; a plugin's own
   * subclass (no `errorCode` of its own) keeps the ordinary prototype check.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (!isPluginError(value)) return false;
    if (this === PluginError) return true;
    return Object.prototype.hasOwnProperty.call(this, 'errorCode') && value.code === this.errorCode;
  }

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
  static override readonly errorCode = 'auth';
  readonly code = 'auth' as const;
  readonly retryable = false;
}

export class RateLimited extends PluginError {
  static override readonly errorCode = 'rate_limited';
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
  static override readonly errorCode = 'transient';
  readonly code = 'transient' as const;
  readonly retryable = true;
}

export class NotFound extends PluginError {
  static override readonly errorCode = 'not_found';
  readonly code = 'not_found' as const;
  readonly retryable = false;
}

export class Rejected extends PluginError {
  static override readonly errorCode = 'rejected';
  readonly code = 'rejected' as const;
  readonly retryable = false;
}
