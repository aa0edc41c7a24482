import { ObservationLedger, type SentObservation, type StoredObservation } from '../src/observation-ledger';

const T = Date.parse('2026-01-01T12:00:00.000Z');
const q = (variantId: number, facility: string, at: number, quantity: number): SentObservation => ({ variantId, facility, at, quantity });
const stored = (o: SentObservation): StoredObservation => ({
  variantId: o.variantId,
  facility: o.facility,
  observedAt: new Date(o.at).toISOString(),
  status: o.status ?? null,
  quantity: o.quantity ?? null,
});

describe('ObservationLedger.uniqueTime', () => {
  it('never gives one (variant, facility) the same time twice; other pairs are independent', () => {
    const l = new ObservationLedger();
    expect(l.uniqueTime(1, 'UK', T)).toBe(T);
    expect(l.uniqueTime(1, 'UK', T)).toBe(T + 1);
    expect(l.uniqueTime(1, 'UK', T + 1)).toBe(T + 2);
    expect(l.uniqueTime(1, 'LV', T)).toBe(T);
  });
});

describe('ObservationLedger.verify (newest wins)', () => {
  it('passes when the newest acknowledged observation is stored, whatever order they arrived in', () => {
    const l = new ObservationLedger();
    const newer = q(1, 'UK', T + 500, 4);
    l.record([newer], 'acknowledged');
    l.record([q(1, 'UK', T, 7)], 'acknowledged'); // arrived later, older: stale
    expect(l.verify([stored(newer)])).toEqual({ checked: 1, problems: [] });
  });
  it('reports an acknowledged observation that was lost (nothing stored)', () => {
    const l = new ObservationLedger();
    l.record([q(1, 'UK', T, 4)], 'acknowledged');
    expect(l.verify([]).problems.map((p) => p.kind)).toEqual(['lost']);
  });
  it('reports an older stored observation than the newest acknowledged one as lost', () => {
    const l = new ObservationLedger();
    const older = q(1, 'UK', T, 4);
    l.record([older, q(2, 'UK', T, 1)], 'acknowledged');
    l.record([q(1, 'UK', T + 10, 5)], 'acknowledged');
    const r = l.verify([stored(older), stored(q(2, 'UK', T, 1))]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ kind: 'lost', variantId: 1, facility: 'UK' });
  });
  it('accepts a newer observation whose answer never came (the hub was killed after committing)', () => {
    const l = new ObservationLedger();
    l.record([q(1, 'UK', T, 4)], 'acknowledged');
    const unanswered = q(1, 'UK', T + 10, 0);
    l.record([unanswered], 'unknown');
    expect(l.verify([stored(unanswered)]).problems).toEqual([]);
    // …and its absence is no loss either.
    expect(l.verify([stored(q(1, 'UK', T, 4))]).problems).toEqual([]);
  });
  it('reports a stored value that differs from what was sent at that time', () => {
    const l = new ObservationLedger();
    l.record([{ variantId: 3, facility: 'ES', at: T, status: 'in_stock' }], 'acknowledged');
    const r = l.verify([{ variantId: 3, facility: 'ES', observedAt: new Date(T).toISOString(), status: 'out_of_stock', quantity: null }]);
    expect(r.problems.map((p) => p.kind)).toEqual(['wrong_value']);
  });
  it('reports stored observations never sent, and stored ones from a refused batch', () => {
    const l = new ObservationLedger();
    const refused = q(1, 'UK', T, 4);
    l.record([refused], 'refused');
    const r = l.verify([stored(refused), stored(q(9, 'JP', T, 1)), { ...stored(q(1, 'UK', T, 4)), facility: 'LV' }]);
    expect(r.problems.map((p) => p.kind).sort()).toEqual(['not_sent', 'not_sent', 'refused_but_stored']);
  });
  it('counts outcomes and lists the variants sent', () => {
    const l = new ObservationLedger();
    l.record([q(2, 'UK', T, 1), q(1, 'UK', T, 1)], 'acknowledged');
    l.record([q(1, 'LV', T, 1)], 'unknown');
    expect(l.figures()).toEqual({ acknowledged: 2, unknown: 1, refused: 0, keys: 3 });
    expect(l.variantIds()).toEqual([1, 2]);
  });
});
