/**
 * One writeStock/readStock run's bookkeeping: each variant's result, and the connection-level error
 * (if any) that stopped the run. Variants without a result when the run ends take that error, so the
 * caller always gets exactly one outcome per input.
 */
import { isPluginError, stopsTheWork, Transient } from '@stock-sync/plugin-sdk';
import type { PluginError } from '@stock-sync/plugin-sdk';

export class Ledger<T> {
  private readonly results = new Map<string, { ok: true; value: T } | { ok: false; error: PluginError }>();
  private stoppedBy: PluginError | undefined;

  get stopped(): PluginError | undefined {
    return this.stoppedBy;
  }

  done(key: string): boolean {
    return this.results.has(key);
  }

  succeed(key: string, value: T): void {
    if (!this.results.has(key)) this.results.set(key, { ok: true, value });
  }

  fail(key: string, error: PluginError): void {
    if (!this.results.has(key)) this.results.set(key, { ok: false, error });
  }

  /** A call carrying `keys` failed: they fail with its error, and the run stops if it is connection-level (the SDK's stopsTheWork). */
  callFailed(keys: readonly string[], error: PluginError): void {
    for (const k of keys) this.fail(k, error);
    if (stopsTheWork(error)) this.stoppedBy ??= error;
  }

  result(key: string): { ok: true; value: T } | { ok: false; error: PluginError } {
    const r = this.results.get(key);
    if (r) return r;
    return { ok: false, error: this.stoppedBy ?? new Transient('the variant was not processed (the run ended early)') };
  }
}

/** Unknown throws (bugs, not platform answers) still become taxonomy errors at the boundary. */
export function asPluginError(e: unknown, fallback: (msg: string) => PluginError): PluginError {
  if (isPluginError(e)) return e;
  return fallback(e instanceof Error ? e.message : String(e));
}
