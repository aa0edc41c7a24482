/**
 * A write run's bookkeeping across its phases (read, activate, update, set): each variant's first verdict,
 * and the error that stopped the run, if any. A write run is one plan (one batch of the SDK's pipeline), so
 * this stop rule stays here: a variant an earlier phase wrote stays written when a later call stops the run,
 * which a stop thrown to the pipeline would fail with the rest of the batch.
 */
import { stopsTheWork, Transient, type PluginError } from '@stock-sync/plugin-sdk';

export class Ledger {
  private readonly results = new Map<string, PluginError | undefined>();
  private stoppedBy: PluginError | undefined;

  get stopped(): PluginError | undefined {
    return this.stoppedBy;
  }

  done(key: string): boolean {
    return this.results.has(key);
  }

  succeed(key: string): void {
    if (!this.results.has(key)) this.results.set(key, undefined);
  }

  fail(key: string, error: PluginError): void {
    if (!this.results.has(key)) this.results.set(key, error);
  }

  /** A call carrying `keys` failed: they fail with its error, and the run stops if it is connection-level (the SDK's stopsTheWork). */
  callFailed(keys: readonly string[], error: PluginError): void {
    for (const k of keys) this.fail(k, error);
    if (stopsTheWork(error)) this.stoppedBy ??= error;
  }

  /** The variant's verdict: undefined when written, else the error it fails with. */
  verdict(key: string): PluginError | undefined {
    if (this.results.has(key)) return this.results.get(key);
    return this.stoppedBy ?? new Transient('the variant was not processed (the run ended early)');
  }
}
