/**
 * Declarative connections: a plugin states how its calls scope and size batches and writes the calls; the
 * pipeline (slots, invalid ids, duplicates, groups, chunks, the in-place rule, the stop rule, filling the
 * rest, bounded concurrency) is the same for every platform and lives here once.
 */
import type { TargetStock } from '@stock-sync/domain';
import type { ObservedStock, StockWrite, StoreConnection, VariantRef, WriteOutcome } from '../contract';
import type { PluginError } from '../errors';
import type { SameStock } from '../batching/in-place';
import { runReads, runWrites } from './stage';
import { Written } from './stop';
import type { PipelineBase, Planned, ReadStage, WriteStage } from './types';

export interface BatchedSpec<F extends object, KW, KR> extends PipelineBase<F> {
  write: WriteStage<F, KW>;
  read: ReadStage<F, KR>;
}

/** A connection whose calls carry batches (scoped by `groupBy`, at most `maxBatch` items each). */
export function batched<F extends object = object, KW = undefined, KR = undefined>(spec: BatchedSpec<F, KW, KR>): StoreConnection {
  return {
    verify: () => spec.verify(),
    writeStock: (changes: readonly StockWrite[]): Promise<WriteOutcome[]> => runWrites(changes, spec, spec.write),
    readStock: (refs: readonly VariantRef[]): Promise<ObservedStock[]> => runReads(refs, spec, spec.read),
  };
}

export interface PerVariantSpec<F extends object> extends PipelineBase<F> {
  /** Calls in flight at once (default 1). */
  concurrency?: number;
  /** How the platform compares two states, for skipping writes the hub says are in place. */
  same?: SameStock;
  /** The error a variant fails with when its call threw one that does not stop the work (default: as is). */
  mapError?: (error: PluginError, item: Planned<VariantRef, F>) => PluginError;
  /** One variant's write: nothing (or a Written, with what to keep) once written, or the error it fails with; throw what stops the work. */
  write(item: Planned<StockWrite, F>): Promise<PluginError | Written | void>;
  /** One variant's read: its stock, or the error it fails with; throw what stops the work. */
  read(item: Planned<VariantRef, F>): Promise<TargetStock | PluginError>;
}

/** A connection that makes one call per variant; each write the hub says is in place saves its call. */
export function perVariant<F extends object = object>(spec: PerVariantSpec<F>): StoreConnection {
  const mapError = spec.mapError && ((error: PluginError, batch: readonly Planned<VariantRef, F>[]) => spec.mapError!(error, batch[0]));
  return batched<F>({
    ...spec,
    write: {
      maxBatch: 1,
      concurrency: spec.concurrency,
      skipInPlace: 'item',
      same: spec.same,
      mapError,
      run: async ([item]) => {
        const answer = await spec.write(item);
        return answer instanceof Written ? [answer] : answer;
      },
    },
    read: {
      maxBatch: 1,
      concurrency: spec.concurrency,
      mapError,
      run: async ([item]) => {
        const answer = await spec.read(item);
        return [answer];
      },
    },
  });
}
