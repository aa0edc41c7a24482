/**
 * Counts failed authentications per client address in @nestjs/throttler's storage (in memory, per
 * process): more than `failureLimit` failures within `windowSeconds` block the address for `blockSeconds`.
 * While blocked, every non-public request from it is refused, with a valid token too — otherwise the
 * difference between 429 and 200 would still let a guesser test tokens.
 */
import { ThrottlerStorageService } from '@nestjs/throttler';
import type { AuthThrottleConfig } from '../config/auth-config';

const THROTTLER_NAME = 'auth-failures';

export class AuthFailureLimiter {
  private readonly storage = new ThrottlerStorageService();

  constructor(private readonly config: AuthThrottleConfig) {}

  get enabled(): boolean {
    return this.config.failureLimit > 0;
  }

  /** Seconds the client must still wait; 0 when it is not blocked. */
  retryAfterSeconds(client: string): number {
    if (!this.enabled) return 0;
    const record = this.storage.storage.get(keyOf(client));
    if (!record?.isBlocked) return 0;
    const ms = record.blockExpiresAt - Date.now();
    return ms > 0 ? Math.ceil(ms / 1000) : 0;
  }

  /** Counts one failure; returns the seconds to wait when this failure got the client blocked, else 0. */
  async recordFailure(client: string): Promise<number> {
    if (!this.enabled) return 0;
    const { failureLimit, windowSeconds, blockSeconds } = this.config;
    const result = await this.storage.increment(keyOf(client), windowSeconds * 1000, failureLimit, blockSeconds * 1000, THROTTLER_NAME);
    return result.isBlocked ? Math.max(1, result.timeToBlockExpire) : 0;
  }

  close(): void {
    this.storage.onApplicationShutdown();
  }
}

function keyOf(client: string): string {
  return `${THROTTLER_NAME}:${client}`;
}
