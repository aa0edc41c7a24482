/**
 * Thrown from a call to end the whole run with an error that would otherwise concern one batch only
 * (e.g. a store-wide setting every later call needs was refused): every input not yet answered fails with
 * `cause` (as a PluginError), the same as AuthError, RateLimited and Transient do on their own.
 */
export class StopTheWork extends Error {
  constructor(override readonly cause: unknown) {
    super('the run was stopped');
    this.name = 'StopTheWork';
  }
}
