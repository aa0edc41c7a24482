import { planVariant } from '../../src/sync/variant-plan';
import { opts, variant } from './support/loaded-variant';

describe('planVariant', () => {
  it('writes the computed state when it differs from the last write', () => {
    const v = variant({ observations: [{ facility: 'US-NC', status: 'out_of_stock' }], lastWritten: { kind: 'unlimited' } });
    expect(planVariant(v, opts)).toMatchObject({ kind: 'write', desired: { kind: 'out_of_stock' }, from: { kind: 'unlimited' } });
  });

  it('sums warehouse quantities of the region only', () => {
    const v = variant({
      fulfillment: 'warehouse',
      observations: [
        { facility: 'US-NC', quantity: 5 },
        { facility: 'CA', quantity: 7 },
        { facility: 'LV', quantity: 100 },
      ],
    });
    expect(planVariant(v, opts)).toMatchObject({ kind: 'write', desired: { kind: 'quantity', quantity: 12 }, from: null });
  });

  it('is unchanged when the desired state equals the last write', () => {
    const v = variant({ observations: [{ facility: 'US-NC', status: 'in_stock' }], lastWritten: { kind: 'unlimited' } });
    expect(planVariant(v, opts)).toMatchObject({ kind: 'unchanged', desired: { kind: 'unlimited' } });
  });

  it('skips a variant nothing is known about', () => {
    expect(planVariant(variant({ observations: [] }), opts)).toMatchObject({ kind: 'skip' });
  });

  it('keeps the last known decision when the region reports an unknown status', () => {
    const v = variant({
      observations: [{ facility: 'US-NC', status: 'mystery' }],
      desired: { kind: 'out_of_stock' },
      lastWritten: { kind: 'out_of_stock' },
    });
    expect(planVariant(v, opts)).toMatchObject({ kind: 'unchanged', desired: { kind: 'out_of_stock' } });
  });

  it('re-asserts over drift: diffs against what the platform shows', () => {
    const v = variant({ observations: [{ facility: 'US-NC', status: 'in_stock' }], lastWritten: { kind: 'unlimited' } });
    const drift = new Map([['1', { observed: { kind: 'quantity' as const, quantity: 3 } }]]);
    expect(planVariant(v, { ...opts, drift })).toMatchObject({
      kind: 'write',
      desired: { kind: 'unlimited' },
      from: { kind: 'quantity', quantity: 3 },
    });
    expect(planVariant(v, { ...opts, drift, driftPolicy: 'report' })).toMatchObject({ kind: 'unchanged' });
  });

  it('holds a target the platform rejected until the desired state changes', () => {
    const rejected = { code: 'rejected', message: 'no', target: { kind: 'out_of_stock' as const } };
    const same = variant({
      observations: [{ facility: 'US-NC', status: 'out_of_stock' }],
      lastWritten: { kind: 'unlimited' },
      lastError: rejected,
    });
    expect(planVariant(same, opts)).toMatchObject({ kind: 'hold', reason: 'rejected' });
    const changed = variant({
      observations: [{ facility: 'US-NC', status: 'in_stock' }],
      lastWritten: { kind: 'quantity', quantity: 1 },
      lastError: rejected,
    });
    expect(planVariant(changed, opts)).toMatchObject({ kind: 'write', desired: { kind: 'unlimited' } });
  });

  it('holds a variant the platform said is gone, except when asked to look again', () => {
    const v = variant({ observations: [{ facility: 'US-NC', status: 'out_of_stock' }], notFoundAt: new Date() });
    expect(planVariant(v, opts)).toMatchObject({ kind: 'hold', reason: 'not_found' });
    expect(planVariant(v, { ...opts, retryNotFound: true })).toMatchObject({ kind: 'write' });
  });
});
