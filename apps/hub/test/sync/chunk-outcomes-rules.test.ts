// What one chunk's answers turn into (chunk-outcomes.ts), rule by rule: run counts and the run status
// they lead to, which errors stop the run, what reconciliation's read-back marks, and each variant's
// recorded state.
import {
  AuthError,
  NotFound,
  RateLimited,
  Rejected,
  Transient,
  type ObservedStock,
  type PluginError,
  type WriteOutcome,
} from '@stock-sync/plugin-sdk';
import type { TargetStock } from '@stock-sync/domain';
import {
  addCounts,
  chunkRecords,
  emptyCounts,
  mergeRecords,
  readBackResults,
  showsSame,
  storedError,
  type ChunkRecords,
} from '../../src/sync/chunk-outcomes';
import { finalRunStatus } from '../../src/sync/run-transitions';
import type { LoadedVariant, VariantPlan } from '../../src/sync/variant-plan';

const OUT: TargetStock = { kind: 'out_of_stock' };
const UNLIMITED: TargetStock = { kind: 'unlimited' };
const noDelay = () => 0;

function variant(id: string, over: Partial<LoadedVariant> = {}): LoadedVariant {
  return {
    id,
    externalProductId: 'p',
    externalVariantId: `v${id}`,
    fulfillment: 'pod',
    observations: [],
    desired: null,
    lastWritten: UNLIMITED,
    pending: true,
    pendingVersion: 3,
    attempts: 1,
    lastError: null,
    notFoundAt: null,
    ...over,
  };
}
const write = (id: string, over: Partial<LoadedVariant> = {}): VariantPlan => ({
  kind: 'write',
  variant: variant(id, over),
  desired: OUT,
  from: UNLIMITED,
});
const unchanged = (id: string, over: Partial<LoadedVariant> = {}): VariantPlan => ({
  kind: 'unchanged',
  variant: variant(id, over),
  desired: UNLIMITED,
});
const skip = (id: string, over: Partial<LoadedVariant> = {}): VariantPlan => ({
  kind: 'skip',
  variant: variant(id, over),
  reason: 'nothing known',
});
const hold = (id: string): VariantPlan => ({ kind: 'hold', variant: variant(id), desired: OUT, reason: 'rejected' });
const ok = (id: string): WriteOutcome => ({ externalProductId: 'p', externalVariantId: `v${id}`, status: 'written' });
const failed = (id: string, error: PluginError): WriteOutcome => ({
  externalProductId: 'p',
  externalVariantId: `v${id}`,
  status: 'failed',
  error,
});
const found = (id: string, stock: TargetStock): ObservedStock => ({
  externalProductId: 'p',
  externalVariantId: `v${id}`,
  status: 'found',
  stock,
});
const readFailed = (id: string, error: PluginError): ObservedStock => ({
  externalProductId: 'p',
  externalVariantId: `v${id}`,
  status: 'failed',
  error,
});
const status = (r: ChunkRecords) =>
  finalRunStatus(r.counts, r.fatal ? { code: r.fatal.code, message: r.fatal.message } : null, r.stop !== null);

describe('run counts', () => {
  it('every skipped, unchanged and held variant counts as unchanged, each once', () => {
    const r = chunkRecords([skip('1'), unchanged('2'), hold('3'), skip('4')], [], false, noDelay);
    expect(r.counts).toEqual({ planned: 0, written: 0, unchanged: 4, failed: 0, drift: 0 });
    expect(chunkRecords([skip('1'), unchanged('2'), hold('3')], [], true, noDelay).counts.unchanged).toBe(3);
  });

  it('every failed write counts as failed, each once', () => {
    const r = chunkRecords(
      [write('1'), write('2'), write('3')],
      [failed('1', new Rejected('no')), failed('2', new NotFound('gone')), ok('3')],
      false,
      noDelay,
    );
    expect(r.counts).toEqual({ planned: 3, written: 1, unchanged: 0, failed: 2, drift: 0 });
  });

  it('a run whose only problems are Rejected / NotFound writes does not end succeeded', () => {
    const onlyRefused = chunkRecords(
      [write('1'), write('2')],
      [failed('1', new Rejected('no')), failed('2', new NotFound('gone'))],
      false,
      noDelay,
    );
    expect(onlyRefused.stop).toBeNull();
    expect(onlyRefused.fatal).toBeNull();
    expect(status(onlyRefused)).toBe('failed');
    const someThrough = chunkRecords([write('1'), unchanged('2')], [failed('1', new Rejected('no'))], false, noDelay);
    expect(status(someThrough)).toBe('partial');
    const allGood = chunkRecords([write('1'), skip('2')], [ok('1')], false, noDelay);
    expect(status(allGood)).toBe('succeeded');
  });

  it('adds counts field by field and merges chunk records in order, the first fatal / stop kept', () => {
    expect(emptyCounts()).toEqual({ planned: 0, written: 0, unchanged: 0, failed: 0, drift: 0 });
    expect(
      addCounts(
        { planned: 1, written: 2, unchanged: 3, failed: 4, drift: 5 },
        { planned: 10, written: 20, unchanged: 30, failed: 40, drift: 50 },
      ),
    ).toEqual({
      planned: 11,
      written: 22,
      unchanged: 33,
      failed: 44,
      drift: 55,
    });
    const a = chunkRecords([write('1')], [failed('1', new Transient('first'))], false, noDelay);
    const b = chunkRecords(
      [write('2'), write('3')],
      [failed('2', new AuthError('revoked')), failed('3', new Transient('second'))],
      false,
      noDelay,
    );
    const m = mergeRecords(a, b);
    expect(m.variants.map((v) => v.id)).toEqual(['1', '2', '3']);
    expect(m.changes.map((c) => c.syncVariantId)).toEqual(['1', '2', '3']);
    expect(m.counts).toEqual({ planned: 3, written: 0, unchanged: 0, failed: 3, drift: 0 });
    expect(m.stop?.message).toBe('first');
    expect(m.fatal?.message).toBe('revoked');
    expect(mergeRecords(b, a).stop?.message).toBe('second');
  });
});

describe('which write errors stop the run', () => {
  it('RateLimited and Transient stop it (the first one is kept); the variant stays pending with a backoff', () => {
    const delays: [number, number][] = [];
    const retryDelay = (attempts: number, retryAfterMs: number) => (delays.push([attempts, retryAfterMs]), 1234);
    const r = chunkRecords(
      [write('1', { attempts: 4 }), write('2', { attempts: 0 }), write('3')],
      [failed('1', new Transient('busy')), failed('2', new RateLimited('slow', 2500)), failed('3', new RateLimited('odd', -5))],
      false,
      retryDelay,
    );
    expect(r.stop?.message).toBe('busy');
    expect(delays).toEqual([
      [4, 0],
      [0, 2500],
      [1, 0],
    ]);
    expect(r.variants[0]).toEqual({
      id: '1',
      version: 3,
      result: 'retry',
      state: 'pending',
      settles: false,
      desired: OUT,
      written: null,
      error: { code: 'transient', message: 'busy' },
      retryDelayMs: 1234,
    });
  });

  it('Transient alone stops it too; NotFound and Rejected do not', () => {
    expect(chunkRecords([write('1')], [failed('1', new Transient('x'))], false, noDelay).stop?.code).toBe('transient');
    expect(chunkRecords([write('1')], [failed('1', new NotFound('x'))], false, noDelay).stop).toBeNull();
    expect(chunkRecords([write('1')], [failed('1', new Rejected('x'))], false, noDelay).stop).toBeNull();
  });

  it('AuthError is fatal (the first kept): the variant stays pending, its last error untouched', () => {
    const r = chunkRecords(
      [write('1'), write('2')],
      [failed('1', new AuthError('revoked')), failed('2', new AuthError('again'))],
      false,
      noDelay,
    );
    expect(r.fatal?.message).toBe('revoked');
    expect(r.stop).toBeNull();
    expect(r.variants[0]).toEqual({
      id: '1',
      version: 3,
      result: 'auth',
      state: 'pending',
      settles: false,
      desired: OUT,
      written: null,
      error: undefined,
      retryDelayMs: 0,
    });
    expect(r.changes[0]).toMatchObject({ outcome: 'failed', error: { code: 'auth', message: 'revoked' } });
  });

  it('a write not attempted because the run stopped first records nothing and stays pending', () => {
    const r = chunkRecords([write('1'), write('2')], [failed('1', new Transient('busy'))], false, noDelay);
    expect(r.variants.map((v) => v.id)).toEqual(['1']);
    expect(r.changes.map((c) => c.syncVariantId)).toEqual(['1']);
    expect(r.counts.planned).toBe(2);
  });
});

describe('variant records', () => {
  it('a skipped variant that failed before (rejected or not found) stays failed; any other is reset to in_sync', () => {
    const cases: [string, LoadedVariant['lastError'], string][] = [
      ['1', { code: 'rejected', message: 'no', target: OUT }, 'failed'],
      ['2', { code: 'not_found', message: 'gone' }, 'failed'],
      ['3', { code: 'transient', message: 'busy' }, 'in_sync'],
      ['4', { code: 'rate_limited', message: 'slow' }, 'in_sync'],
      ['5', null, 'in_sync'],
    ];
    const r = chunkRecords(
      cases.map(([id, lastError]) => skip(id, { lastError })),
      [],
      false,
      noDelay,
    );
    expect(r.variants.map((v) => [v.id, v.state])).toEqual(cases.map(([id, , state]) => [id, state]));
    expect(r.variants[2]).toEqual({
      id: '3',
      version: 3,
      result: 'skipped',
      state: 'in_sync',
      settles: true,
      desired: null,
      written: null,
      error: undefined,
      retryDelayMs: 0,
    });
  });

  it('unchanged: adopts the desired state as written when the platform already shows it', () => {
    const same = chunkRecords([unchanged('1', { lastWritten: UNLIMITED })], [], false, noDelay);
    expect(same.variants[0]).toEqual({
      id: '1',
      version: 3,
      result: 'unchanged',
      state: 'in_sync',
      settles: true,
      desired: UNLIMITED,
      written: null,
      error: null,
      retryDelayMs: 0,
    });
    const adopted = chunkRecords([unchanged('1', { lastWritten: OUT })], [], false, noDelay);
    expect(adopted.variants[0].written).toEqual(UNLIMITED);
    expect(adopted.changes).toEqual([]);
  });

  it('held: failed, settled, the desired state kept, the last error untouched', () => {
    const r = chunkRecords([hold('1')], [], false, noDelay);
    expect(r.variants).toEqual([
      {
        id: '1',
        version: 3,
        result: 'held',
        state: 'failed',
        settles: true,
        desired: OUT,
        written: null,
        error: undefined,
        retryDelayMs: 0,
      },
    ]);
  });

  it('written / not found / rejected: what each records', () => {
    const r = chunkRecords(
      [write('1'), write('2'), write('3')],
      [ok('1'), failed('2', new NotFound('gone')), failed('3', new Rejected('bad'))],
      false,
      noDelay,
    );
    expect(r.variants).toEqual([
      {
        id: '1',
        version: 3,
        result: 'written',
        state: 'in_sync',
        settles: true,
        desired: OUT,
        written: OUT,
        kept: null,
        error: null,
        retryDelayMs: 0,
      },
      {
        id: '2',
        version: 3,
        result: 'not_found',
        state: 'failed',
        settles: true,
        desired: OUT,
        written: null,
        error: { code: 'not_found', message: 'gone' },
        retryDelayMs: 0,
      },
      {
        id: '3',
        version: 3,
        result: 'rejected',
        state: 'failed',
        settles: true,
        desired: OUT,
        written: null,
        error: { code: 'rejected', message: 'bad', target: OUT },
        retryDelayMs: 0,
      },
    ]);
    expect(r.changes.map((c) => [c.syncVariantId, c.outcome, c.from, c.to, c.error?.code ?? null])).toEqual([
      ['1', 'written', UNLIMITED, OUT, null],
      ['2', 'failed', UNLIMITED, OUT, 'not_found'],
      ['3', 'failed', UNLIMITED, OUT, 'rejected'],
    ]);
  });

  it('a dry run records would_write changes only', () => {
    const r = chunkRecords([write('1'), skip('2'), hold('3')], [], true, noDelay);
    expect(r.variants).toEqual([]);
    expect(r.changes).toEqual([
      {
        syncVariantId: '1',
        externalProductId: 'p',
        externalVariantId: 'v1',
        from: UNLIMITED,
        to: OUT,
        outcome: 'would_write',
        error: null,
      },
    ]);
  });

  it('stores an error with the refused target only when there is one', () => {
    expect(storedError(new Rejected('no'), OUT)).toEqual({ code: 'rejected', message: 'no', target: OUT });
    expect(storedError(new Rejected('no'))).toEqual({ code: 'rejected', message: 'no' });
  });
});

describe('read-back (reconciliation)', () => {
  it('drift is recorded against the last write and counted', () => {
    const back = readBackResults([variant('1', { lastWritten: OUT })], [found('1', { kind: 'quantity', quantity: 2 })]);
    expect([...back.drift]).toEqual([['1', { observed: { kind: 'quantity', quantity: 2 } }]]);
    expect(back.records.changes).toEqual([
      {
        syncVariantId: '1',
        externalProductId: 'p',
        externalVariantId: 'v1',
        from: OUT,
        to: { kind: 'quantity', quantity: 2 },
        outcome: 'drift',
        error: null,
      },
    ]);
    expect(back.records.counts).toEqual({ planned: 0, written: 0, unchanged: 0, failed: 0, drift: 1 });
    expect(back.records.variants).toEqual([]);
  });

  it('NotFound marks the variant not_found (failed, settled) and counts a failure', () => {
    const back = readBackResults([variant('1')], [readFailed('1', new NotFound('gone'))]);
    expect([...back.notFound]).toEqual(['1']);
    expect(back.records.variants).toEqual([
      {
        id: '1',
        version: 3,
        result: 'not_found',
        state: 'failed',
        settles: true,
        desired: null,
        written: null,
        error: { code: 'not_found', message: 'gone' },
        retryDelayMs: 0,
      },
    ]);
    expect(back.records.changes).toEqual([
      {
        syncVariantId: '1',
        externalProductId: 'p',
        externalVariantId: 'v1',
        from: UNLIMITED,
        to: null,
        outcome: 'failed',
        error: { code: 'not_found', message: 'gone' },
      },
    ]);
    expect(back.records.counts.failed).toBe(1);
  });

  it('a Rejected read-back marks nothing (the write path decides)', () => {
    const back = readBackResults([variant('1')], [readFailed('1', new Rejected('odd answer'))]);
    expect(back.notFound.size).toBe(0);
    expect(back.drift.size).toBe(0);
    expect(back.records).toEqual({ variants: [], changes: [], counts: emptyCounts(), fatal: null, stop: null });
  });

  it('a throttled or failing read-back stops reconciliation (the first kept); a rejected token is fatal (the first kept)', () => {
    const back = readBackResults(
      [variant('1'), variant('2'), variant('3'), variant('4')],
      [
        readFailed('1', new RateLimited('slow', 1000)),
        readFailed('2', new Transient('busy')),
        readFailed('3', new AuthError('revoked')),
        readFailed('4', new AuthError('again')),
      ],
    );
    expect(back.records.stop?.message).toBe('slow');
    expect(back.records.fatal?.message).toBe('revoked');
    expect(back.notFound.size).toBe(0);
    expect(readBackResults([variant('1')], [readFailed('1', new Transient('busy'))]).records.stop?.code).toBe('transient');
  });

  it('variants without an answer are left alone', () => {
    const back = readBackResults([variant('1'), variant('2')], [found('1', UNLIMITED)]);
    expect(back.records).toEqual({ variants: [], changes: [], counts: emptyCounts(), fatal: null, stop: null });
  });

  it('sold out and a quantity of 0 show the same; anything else must match exactly', () => {
    expect(showsSame(OUT, OUT)).toBe(true);
    expect(showsSame({ kind: 'quantity', quantity: 0 }, { kind: 'quantity', quantity: 0 })).toBe(true);
    expect(showsSame(UNLIMITED, OUT)).toBe(false);
    expect(showsSame(OUT, UNLIMITED)).toBe(false);
    expect(showsSame({ kind: 'quantity', quantity: 0 }, UNLIMITED)).toBe(false);
    expect(showsSame(undefined, OUT)).toBe(false);
    expect(showsSame(OUT, null)).toBe(false);
    expect(showsSame({ kind: 'quantity', quantity: 2 }, { kind: 'quantity', quantity: 2 })).toBe(true);
  });
});
