import { isRetriedAttempt, sortFailedChanges, stillUnsettled, type RunChanges } from '../src/failed-changes';
import type { SyncChange, SyncRun } from '../src/hub-api';

const run = (minute: number): SyncRun => ({
  id: `run-${minute}`,
  storeId: '1',
  trigger: 'facility_stock',
  dryRun: false,
  status: 'done',
  createdAt: new Date(Date.UTC(2026, 11, 3, 12, minute)).toISOString(),
});
const change = (variant: string, outcome: SyncChange['outcome'], code?: string): SyncChange => ({
  externalProductId: 'p1',
  externalVariantId: variant,
  from: { kind: 'in_stock' } as never,
  to: { kind: 'out_of_stock' } as never,
  outcome,
  ...(code ? { error: { code, message: `${code} happened` } } : {}),
});

describe('failed changes in the demo report', () => {
  it('a throttled or transient attempt is a retry; refused, gone or unknown errors are final', () => {
    expect(isRetriedAttempt(change('v', 'failed', 'rate_limited'))).toBe(true);
    expect(isRetriedAttempt(change('v', 'failed', 'transient'))).toBe(true);
    expect(isRetriedAttempt(change('v', 'failed', 'rejected'))).toBe(false);
    expect(isRetriedAttempt(change('v', 'failed', 'not_found'))).toBe(false);
    expect(isRetriedAttempt(change('v', 'failed'))).toBe(false);
    expect(isRetriedAttempt(change('v', 'written', 'rate_limited'))).toBe(false);
  });

  it('a throttled attempt written by a later run is not a failure, whatever order the hub lists runs in', () => {
    const runs: RunChanges[] = [
      { run: run(12), changes: [change('a', 'written')] },
      { run: run(9), changes: [change('a', 'failed', 'rate_limited'), change('b', 'failed', 'rejected')] },
    ];
    const sorted = sortFailedChanges(runs);
    expect(sorted.writtenLater.map((c) => c.externalVariantId)).toEqual(['a']);
    expect(sorted.final.map((c) => c.externalVariantId)).toEqual(['b']);
    expect(sorted.open).toEqual([]);
  });

  it('a write before the throttled attempt does not settle it', () => {
    const runs: RunChanges[] = [
      { run: run(3), changes: [change('a', 'written')] },
      { run: run(10), changes: [change('a', 'failed', 'rate_limited')] },
    ];
    expect(sortFailedChanges(runs).open.map((c) => c.externalVariantId)).toEqual(['a']);
  });

  it('an open retry is a failure only while the hub still lists its variant as pending or failed', () => {
    const open = [change('a', 'failed', 'rate_limited'), change('b', 'failed', 'transient')];
    expect(stillUnsettled(open, [{ externalProductId: 'p1', externalVariantId: 'b' }]).map((c) => c.externalVariantId)).toEqual(['b']);
    expect(stillUnsettled(open, [])).toEqual([]);
  });

  it('runs created in the same millisecond keep the order the hub lists them in (newest first)', () => {
    const same = { ...run(5) };
    const runs: RunChanges[] = [
      { run: { ...same, id: 'newer' }, changes: [change('a', 'written')] },
      { run: { ...same, id: 'older' }, changes: [change('a', 'failed', 'rate_limited')] },
    ];
    expect(sortFailedChanges(runs).writtenLater).toHaveLength(1);
    expect(sortFailedChanges([...runs].reverse()).open).toHaveLength(1);
  });
});
