/**
 * A write run's bookkeeping across its phases (read, activate, update, set): each variant's first verdict.
 * A call that stops the work throws its error on; the run hands what the ledger holds to the SDK's
 * StopTheWork, so a variant an earlier phase wrote stays written and only the rest fail with it.
 */
import { stopsTheWork, Transient, type PluginError } from '@stock-sync/plugin-sdk';

export class Ledger {
  private readonly results = new Map<string, PluginError | undefined>();

  done(key: string): boolean {
    return this.results.has(key);
  }

  succeed(key: string): void {
    if (!this.results.has(key)) this.results.set(key, undefined);
  }

  fail(key: string, error: PluginError): void {
    if (!this.results.has(key)) this.results.set(key, error);
  }

  /** A call carrying `keys` failed: they fail with its error; one that stops the work (the SDK's stopsTheWork) is thrown on. */
  callFailed(keys: readonly string[], error: PluginError): void {
    if (stopsTheWork(error)) throw error;
    for (const k of keys) this.fail(k, error);
  }

  /** The variant's answer so far, as the SDK's StopTheWork takes it: 'written', its error, or undefined (none yet). */
  answered(key: string): 'written' | PluginError | undefined {
    return this.results.has(key) ? (this.results.get(key) ?? 'written') : undefined;
  }

  /** The variant's verdict: undefined when written, else the error it fails with. */
  verdict(key: string): PluginError | undefined {
    if (this.results.has(key)) return this.results.get(key);
    return new Transient('the variant was not processed (the run ended early)');
  }
}
