/**
 * One run of writeStock or readStock: ids planned and de-duplicated, unusable ones failed, the rest grouped,
 * in-place writes skipped, chunked at maxBatch, sent through the pool; a call's answer fills its items'
 * slots; an error that stops the work fills every slot still empty (after the answers a StopTheWork
 * carries). One outcome per input, in input order.
 */
import type { TargetStock } from '@stock-sync/domain';
import type { ObservedStock, StockWrite, VariantRef, WriteOutcome } from '../contract';
import { isPluginError, NotFound, Rejected, Transient, type PluginError } from '../errors';
import { chunk } from '../batching/chunk';
import { collapseDuplicates } from '../batching/collapse-duplicates';
import { groupByProduct } from '../batching/group-by-product';
import { skipWhereItSavesCalls, skipWritesInPlace } from '../batching/in-place';
import { OutcomeSlots, refOf } from '../batching/outcome-slots';
import { stopsTheWork, toPluginError } from '../batching/stops-the-work';
import { inPool } from './pool';
import { StopTheWork, Written, type ItemAnswer } from './stop';
import type { PipelineBase, Planned, ReadAnswer, ReadStage, StageOptions, WriteAnswer, WriteStage } from './types';

/** One item's verdict: written (with what to keep, or not) / its stock, or the error it fails with. */
type Verdict = TargetStock | PluginError | 'written' | Written;

interface Unit<T extends VariantRef, F extends object, K> {
  key: K;
  batch: Planned<T, F>[];
}

function invalidError<F extends object>(base: PipelineBase<F>, kind: 'write' | 'read', ref: VariantRef): PluginError {
  const given = base.invalid?.[kind];
  if (typeof given === 'function') return given(ref);
  const message = given ?? `Not a ${base.platform} product / variant id`;
  return kind === 'write' ? new Rejected(message, { ...ref }) : new NotFound(message, { ...ref });
}

/** A call's answer as one verdict per batch item. */
function verdicts(answer: WriteAnswer | ReadAnswer, size: number): Verdict[] {
  const each: Verdict[] = [];
  for (let k = 0; k < size; k++) {
    const entry = answer === undefined || isPluginError(answer) ? answer : answer[k];
    each.push(entry ?? 'written');
  }
  return each;
}

/**
 * The answers a StopTheWork carries, checked against the batch it stopped: one entry per item, of the
 * stage's kind. Anything else is a bug in the plugin, refused (nothing of it kept) with the reason.
 */
function carriedAnswers(kind: 'write' | 'read', stop: StopTheWork, size: number): (ItemAnswer | undefined)[] | Error {
  const answered = stop.answered;
  if (answered === undefined) return [];
  if (!Array.isArray(answered) || answered.length !== size) {
    const given = Array.isArray(answered) ? `${answered.length} entries` : typeof answered;
    return new RangeError(`StopTheWork answered ${given} for a batch of ${size} items`);
  }
  const wrong = answered.findIndex((a) =>
    a === undefined || isPluginError(a)
      ? false
      : kind === 'write'
        ? a !== 'written' && !(a instanceof Written)
        : a === 'written' || a instanceof Written || typeof a !== 'object' || a === null,
  );
  if (wrong >= 0)
    return new TypeError(`StopTheWork answered item ${wrong} of a ${kind} batch with something that is not a ${kind}'s answer`);
  return answered;
}

async function runStage<T extends VariantRef, F extends object, K, O>(
  kind: 'write' | 'read',
  inputs: readonly T[],
  base: PipelineBase<F>,
  stage: StageOptions<T, F, K> & { run(batch: readonly Planned<T, F>[], key: K): Promise<WriteAnswer | ReadAnswer> },
  skip: (items: Planned<T, F>[]) => { send: Planned<T, F>[]; skipped: Planned<T, F>[] },
  outcome: (ref: VariantRef, verdict: Verdict) => O,
): Promise<O[]> {
  const slots = new OutcomeSlots<O>(inputs.length);
  const settle = (item: Planned<T, F>, verdict: Verdict) => slots.set(item.indexes, (i) => outcome(refOf(inputs[i]), verdict));
  const { items, invalid } = collapseDuplicates<T, F>(inputs, { ids: base.ids, key: base.key });
  slots.set(invalid, (i) => outcome(refOf(inputs[i]), invalidError(base, kind, refOf(inputs[i]))));

  const send = async (unit: Unit<T, F, K>): Promise<void> => {
    let answer: WriteAnswer | ReadAnswer;
    try {
      answer = await stage.run(unit.batch, unit.key);
    } catch (e) {
      if (e instanceof StopTheWork) {
        const answered = carriedAnswers(kind, e, unit.batch.length);
        if (answered instanceof Error) {
          base.log.error(`${base.id}: ${kind} stop refused (a bug in the plugin)`, { message: answered.message });
          throw answered;
        }
        answered.forEach((a, k) => a !== undefined && settle(unit.batch[k], a));
        throw e.cause;
      }
      const error = toPluginError(e, base.platform);
      if (stopsTheWork(error)) throw error;
      if (unit.batch.length > 1 && stage.splitWhen?.(error, unit.batch)) {
        const half = Math.ceil(unit.batch.length / 2);
        await send({ key: unit.key, batch: unit.batch.slice(0, half) });
        await send({ key: unit.key, batch: unit.batch.slice(half) });
        return;
      }
      answer = stage.mapError ? stage.mapError(error, unit.batch, unit.key) : error;
    }
    const each = verdicts(answer, unit.batch.length);
    unit.batch.forEach((item, k) => {
      // A read answer that names no stock for an item is a gap, never a success.
      const verdict =
        kind === 'read' && (each[k] === 'written' || each[k] instanceof Written)
          ? new Transient(`${base.platform} gave no stock for variant ${item.input.externalVariantId}`, { ...refOf(item.input) })
          : each[k];
      settle(item, verdict);
    });
  };

  try {
    const units: Unit<T, F, K>[] = [];
    for (const group of groupByProduct(items, stage.groupBy ?? (() => undefined as K))) {
      const { send: toSend, skipped } = skip(group.items);
      for (const item of skipped) settle(item, 'written');
      if (skipped.length) base.log.debug(`${base.id}: skipped writes already in place`, { skipped: skipped.length });
      const batches = stage.maxBatch === undefined ? [toSend] : chunk(toSend, stage.maxBatch);
      for (const batch of batches) if (batch.length) units.push({ key: group.productId, batch });
    }
    const alone = stage.firstAlone ? units.splice(0, 1) : [];
    for (const unit of alone) await send(unit);
    await inPool(units, stage.concurrency ?? 1, send);
  } catch (e) {
    const error = toPluginError(e, base.platform);
    base.log.warn(`${base.id}: ${kind} stopped`, { code: error.code, message: error.message });
    slots.fillRemaining((i) => outcome(refOf(inputs[i]), error));
  }
  return slots.done();
}

export function runWrites<F extends object, K>(
  changes: readonly StockWrite[],
  base: PipelineBase<F>,
  stage: WriteStage<F, K>,
): Promise<WriteOutcome[]> {
  const mode = stage.skipInPlace ?? 'group';
  return runStage<StockWrite, F, K, WriteOutcome>(
    'write',
    changes,
    base,
    stage,
    (items) => {
      if (typeof mode === 'function') return mode(items);
      if (mode === 'never') return { send: items, skipped: [] };
      if (mode === 'calls') return skipWhereItSavesCalls(items, stage.maxBatch ?? Infinity, stage.same);
      return skipWritesInPlace(items, mode, stage.same);
    },
    // The reference spread last: spread first, each later property costs V8 a runtime call (one outcome per variant).
    (ref, verdict) => {
      if (verdict === 'written') return { status: 'written', ...ref };
      if (verdict instanceof Written) return { status: 'written', keep: verdict.keep, ...ref };
      return { status: 'failed', error: verdict as PluginError, ...ref };
    },
  );
}

export function runReads<F extends object, K>(
  refs: readonly VariantRef[],
  base: PipelineBase<F>,
  stage: ReadStage<F, K>,
): Promise<ObservedStock[]> {
  return runStage<VariantRef, F, K, ObservedStock>(
    'read',
    refs,
    base,
    stage,
    (items) => ({ send: items, skipped: [] }),
    (ref, verdict) =>
      isPluginError(verdict) ? { status: 'failed', error: verdict, ...ref } : { status: 'found', stock: verdict as TargetStock, ...ref },
  );
}
