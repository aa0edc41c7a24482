/** The shapes a declarative connection is written in: the plugin's calls answer batches of planned items. */
import type { TargetStock } from '@stock-sync/domain';
import type { PluginLogger, StockWrite, VariantRef } from '../contract';
import type { PluginError } from '../errors';
import type { CollapsedInput } from '../batching/collapse-duplicates';
import type { InPlaceSplit, SameStock } from '../batching/in-place';
import type { Written } from './stop';

/** One distinct variant of a run: its last input, the input indexes it answers for, the platform's ids. */
export type Planned<T extends VariantRef, F extends object = object> = CollapsedInput<T, F>;

/**
 * What one write call reports: nothing (every item written), one error for the whole batch, or one entry
 * per item in batch order (undefined: that item written; a Written: written, with what to keep for its next write).
 */
export type WriteAnswer = void | PluginError | readonly (PluginError | Written | undefined)[];

/** What one read call reports: one error for the whole batch, or one entry per item in batch order. */
export type ReadAnswer = PluginError | readonly (TargetStock | PluginError | undefined)[];

/** How the items of one run become calls; shared by the write and the read side. */
export interface StageOptions<T extends VariantRef, F extends object, K> {
  /** The scope of one call (e.g. the parent product); items of different keys never share a call. Default: one scope. */
  groupBy?: (item: Planned<T, F>) => K;
  /** The most items one call carries (a platform's batch limit). Default: the whole group in one call. */
  maxBatch?: number;
  /** Calls in flight at once (the host's limiter still paces them). Default 1: one after another. */
  concurrency?: number;
  /**
   * The first call goes alone, the rest `concurrency` at a time after it: a revoked token, a spent quota or
   * a throttled store is met with one call instead of a fan-out of doomed ones. Default false.
   */
  firstAlone?: boolean;
  /** A call refused for its size (e.g. a lowered batch limit): halve the batch and send each half again. */
  splitWhen?: (error: PluginError, batch: readonly Planned<T, F>[]) => boolean;
  /** The error the batch's items fail with when its call threw one that does not stop the work (default: as is). */
  mapError?: (error: PluginError, batch: readonly Planned<T, F>[], key: K) => PluginError;
}

export interface WriteStage<F extends object, K> extends StageOptions<StockWrite, F, K> {
  /**
   * Writes the hub says are in place (`previous` equals `target`) are answered 'written' without a call:
   * 'item' drops each one (one call per variant), 'group' drops a group only when all of it is in place
   * (the others ride along in a call made anyway), 'calls' drops them only where that makes fewer calls of
   * maxBatch, 'never' sends everything; or the platform's own rule over a group's items (its calls are
   * counted differently). Default 'group'.
   */
  skipInPlace?: 'item' | 'group' | 'calls' | 'never' | ((items: Planned<StockWrite, F>[]) => InPlaceSplit<Planned<StockWrite, F>>);
  /** How the platform compares two states (default the neutral sameTargetStock). */
  same?: SameStock;
  /** One call. Throw what stops the work (AuthError, RateLimited, Transient); return per-item verdicts. */
  run(batch: readonly Planned<StockWrite, F>[], key: K): Promise<WriteAnswer>;
}

export interface ReadStage<F extends object, K> extends StageOptions<VariantRef, F, K> {
  run(batch: readonly Planned<VariantRef, F>[], key: K): Promise<ReadAnswer>;
}

/** What both helpers need besides the calls. */
export interface PipelineBase<F extends object> {
  /** The platform's name in messages, e.g. 'Big Cartel'. */
  platform: string;
  /** The platform id that prefixes log lines, e.g. 'big-cartel' ("big-cartel: write stopped"). */
  id: string;
  log: PluginLogger;
  /** The platform's reading of a variant's ids; undefined when they cannot be the platform's (failed without a call). */
  ids?: (ref: VariantRef) => F | undefined;
  /** What makes two inputs the same variant (default product id and variant id). */
  key?: (ref: VariantRef) => string;
  /** The errors inputs with unusable ids fail with: a message (Rejected on write, NotFound on read) or a factory. */
  invalid?: { write?: string | ((ref: VariantRef) => PluginError); read?: string | ((ref: VariantRef) => PluginError) };
  verify(): Promise<void>;
}
