/**
 * Which errors end a writeStock/readStock run, and how an unknown throw becomes a PluginError.
 * The client has already retried what could be retried, so AuthError, RateLimited (after its waits)
 * and Transient (after its retries) mean every later call would fail the same way: the inputs not yet
 * answered fail with that error. NotFound and Rejected concern one variant or one call only.
 */
import { AuthError, isPluginError, RateLimited, Transient, type PluginError } from '../errors';

export function stopsTheWork(e: PluginError): boolean {
  return e instanceof AuthError || e instanceof RateLimited || e instanceof Transient;
}

/**
 * A PluginError as is; anything else (a bug, a parse failure) as Transient naming only the platform
 * and the error's class: never a foreign error's message, which may carry a URL or header nobody redacted.
 */
export function toPluginError(e: unknown, platform: string): PluginError {
  if (isPluginError(e)) return e;
  return new Transient(`Unexpected failure talking to ${platform} (${e instanceof Error ? e.name : typeof e})`);
}
