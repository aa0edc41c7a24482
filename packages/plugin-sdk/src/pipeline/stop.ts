/**
 * Thrown from a call to end the whole run with an error that would otherwise concern one batch only
 * (e.g. a store-wide setting every later call needs was refused): every input not yet answered fails with
 * `cause` (as a PluginError), the same as AuthError, RateLimited and Transient do on their own.
 */
import type { TargetStock } from '@stock-sync/domain';
import type { PluginError } from '../errors';

/**
 * A write's item written, with what the host keeps for the variant's next write (contract 1.7.0 `keep`: a few
 * short strings such as the platform's own ids). Plain 'written' (or undefined in a call's answer) keeps nothing.
 */
export class Written {
  constructor(readonly keep: Readonly<Record<string, string>>) {}
}

/** What a batch already knows about one of its items: 'written' or Written (a write), its stock (a read), or its error. */
export type ItemAnswer = 'written' | Written | TargetStock | PluginError;

export interface StopTheWorkOptions {
  /**
   * The answers the batch already has, one entry per batch item in batch order (undefined: not answered).
   * A batch that wrote in phases keeps what an earlier phase wrote; only the unanswered items fail with the
   * cause. An entry count other than the batch's, or an answer of the wrong kind ('written' on a read, a
   * stock on a write), is a bug in the plugin: the pipeline refuses it (logged at error level, nothing of
   * it kept, the run stopped as that bug).
   */
  answered?: readonly (ItemAnswer | undefined)[];
}

export class StopTheWork extends Error {
  readonly answered?: readonly (ItemAnswer | undefined)[];

  constructor(
    override readonly cause: unknown,
    options: StopTheWorkOptions = {},
  ) {
    super('the run was stopped');
    this.name = 'StopTheWork';
    this.answered = options.answered;
  }
}
