import { AuthError, NotFound, RateLimited, Rejected, Transient, type WriteOutcome } from '@stock-sync/plugin-sdk';
import { chunkRecords, readBackResults, showsSame } from '../../src/sync/chunk-outcomes';
import type { LoadedVariant, VariantPlan } from '../../src/sync/variant-plan';
import { nextAttemptDelayMs } from '../../src/sync/backoff';

const retryDelay = (attempts: number, retryAfterMs: number) => nextAttemptDelayMs(attempts, retryAfterMs, 1000, 60_000);

function variant(id: string, over: Partial<LoadedVariant> = {}): LoadedVariant {
  return {
    id,
    externalProductId: 'p',
    externalVariantId: `v${id}`,
    fulfillment: 'pod',
    observations: [],
    desired: null,
    lastWritten: { kind: 'unlimited' },
    pending: true,
    pendingVersion: 7,
    attempts: 2,
    lastError: null,
    notFoundAt: null,
    ...over,
  };
}
const write = (id: string): VariantPlan => ({
  kind: 'write',
  variant: variant(id),
  desired: { kind: 'out_of_stock' },
  from: { kind: 'unlimited' },
});
const ok = (id: string): WriteOutcome => ({ externalProductId: 'p', externalVariantId: `v${id}`, status: 'written' });
const failed = (id: string, error: Error): WriteOutcome => ({
  externalProductId: 'p',
  externalVariantId: `v${id}`,
  status: 'failed',
  error: error as never,
});

describe('chunkRecords', () => {
  it('records written, unchanged and skipped variants with the run counts', () => {
    const plans: VariantPlan[] = [
      write('1'),
      { kind: 'unchanged', variant: variant('2'), desired: { kind: 'unlimited' } },
      { kind: 'skip', variant: variant('3'), reason: 'nothing known' },
    ];
    const r = chunkRecords(plans, [ok('1')], false, retryDelay);
    expect(r.counts).toEqual({ planned: 1, written: 1, unchanged: 2, failed: 0, drift: 0 });
    expect(r.variants.map((v) => [v.id, v.result, v.state, v.settles])).toEqual([
      ['1', 'written', 'in_sync', true],
      ['2', 'unchanged', 'in_sync', true],
      ['3', 'skipped', 'in_sync', true],
    ]);
    expect(r.variants[0]).toMatchObject({ version: 7, written: { kind: 'out_of_stock' }, error: null });
    expect(r.changes).toEqual([
      {
        syncVariantId: '1',
        externalProductId: 'p',
        externalVariantId: 'v1',
        from: { kind: 'unlimited' },
        to: { kind: 'out_of_stock' },
        outcome: 'written',
        error: null,
      },
    ]);
  });

  it('keeps what a written outcome keeps, with the write; a write that keeps nothing records null (the last keep forgotten)', () => {
    const keep = { inventoryItemId: 'gid://shopify/InventoryItem/9' };
    const r = chunkRecords(
      [write('1'), write('2'), write('3')],
      [{ externalProductId: 'p', externalVariantId: 'v1', status: 'written', keep }, ok('2'), failed('3', new Transient('x'))],
      false,
      retryDelay,
    );
    expect(r.variants.map((v) => [v.id, v.result, v.kept])).toEqual([
      ['1', 'written', keep],
      ['2', 'written', null],
      ['3', 'retry', undefined],
    ]);
    expect(r.variants[2].written).toBeNull(); // a failed write keeps last_written, hence what was kept with it
  });

  it('applies the error taxonomy per variant', () => {
    const plans = ['1', '2', '3', '4', '5'].map(write);
    const r = chunkRecords(
      plans,
      [
        failed('1', new AuthError('bad token')),
        failed('2', new RateLimited('slow down', 5000)),
        failed('3', new Transient('503')),
        failed('4', new NotFound('gone')),
        failed('5', new Rejected('invalid')),
      ],
      false,
      retryDelay,
    );
    expect(r.fatal?.code).toBe('auth');
    expect(r.stop?.code).toBe('rate_limited');
    expect(r.counts).toMatchObject({ planned: 5, written: 0, failed: 5 });
    const byId = Object.fromEntries(r.variants.map((v) => [v.id, v]));
    expect(byId['1']).toMatchObject({ result: 'auth', state: 'pending', settles: false, error: undefined });
    // attempts so far = 2 → backoff 1000 × 2² = 4000, but never sooner than Retry-After (5000).
    expect(byId['2']).toMatchObject({ result: 'retry', state: 'pending', settles: false, retryDelayMs: 5000 });
    expect(byId['3']).toMatchObject({ result: 'retry', retryDelayMs: 4000 });
    expect(byId['4']).toMatchObject({ result: 'not_found', state: 'failed', settles: true, error: { code: 'not_found' } });
    expect(byId['5']).toMatchObject({
      result: 'rejected',
      state: 'failed',
      settles: true,
      error: { code: 'rejected', target: { kind: 'out_of_stock' } },
    });
    expect(r.changes.every((c) => c.outcome === 'failed' && c.error)).toBe(true);
  });

  it('a dry run records would_write changes and no variant update', () => {
    const r = chunkRecords(
      [write('1'), { kind: 'unchanged', variant: variant('2'), desired: { kind: 'unlimited' } }],
      [],
      true,
      retryDelay,
    );
    expect(r.variants).toEqual([]);
    expect(r.changes.map((c) => c.outcome)).toEqual(['would_write']);
    expect(r.counts).toMatchObject({ planned: 1, written: 0, unchanged: 1 });
  });
});

describe('readBackResults', () => {
  it('reports drift against the last write, and variants the platform no longer has', () => {
    const read = [variant('1'), variant('2'), variant('3')];
    const back = readBackResults(read, [
      { externalProductId: 'p', externalVariantId: 'v1', status: 'found', stock: { kind: 'unlimited' } },
      { externalProductId: 'p', externalVariantId: 'v2', status: 'found', stock: { kind: 'quantity', quantity: 4 } },
      { externalProductId: 'p', externalVariantId: 'v3', status: 'failed', error: new NotFound('gone') },
    ]);
    expect([...back.drift.entries()]).toEqual([['2', { observed: { kind: 'quantity', quantity: 4 } }]]);
    expect([...back.notFound]).toEqual(['3']);
    expect(back.records.counts).toMatchObject({ drift: 1, failed: 1 });
    expect(back.records.changes.map((c) => [c.syncVariantId, c.outcome])).toEqual([
      ['2', 'drift'],
      ['3', 'failed'],
    ]);
  });

  it('does not call a written 0 read back as sold out (or the reverse) drift', () => {
    expect(showsSame({ kind: 'out_of_stock' }, { kind: 'quantity', quantity: 0 })).toBe(true);
    expect(showsSame({ kind: 'quantity', quantity: 0 }, { kind: 'out_of_stock' })).toBe(true);
    expect(showsSame({ kind: 'quantity', quantity: 1 }, { kind: 'out_of_stock' })).toBe(false);
    const back = readBackResults(
      [variant('1', { lastWritten: { kind: 'quantity', quantity: 0 } })],
      [{ externalProductId: 'p', externalVariantId: 'v1', status: 'found', stock: { kind: 'out_of_stock' } }],
    );
    expect(back.drift.size).toBe(0);
  });

  it('stops on connection-level read errors', () => {
    const back = readBackResults(
      [variant('1')],
      [{ externalProductId: 'p', externalVariantId: 'v1', status: 'failed', error: new AuthError('revoked') }],
    );
    expect(back.records.fatal?.code).toBe('auth');
  });
});

describe('nextAttemptDelayMs', () => {
  it('doubles per attempt, caps, and never undercuts Retry-After', () => {
    expect([0, 1, 2, 3].map((a) => nextAttemptDelayMs(a, 0, 1000, 5000))).toEqual([1000, 2000, 4000, 5000]);
    expect(nextAttemptDelayMs(0, 9000, 1000, 5000)).toBe(9000);
  });
});
