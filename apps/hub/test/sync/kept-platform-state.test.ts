import { KEEP_LIMITS, keepProblem, type WriteOutcome } from '@stock-sync/plugin-sdk';
import { keepWithinLimits } from '../../src/sync/sync-run-executor';

const ref = (v: string) => ({ externalProductId: 'p', externalVariantId: v });

describe('what a plugin keeps (plugin API 1.7 keep)', () => {
  it('keepProblem accepts a few short strings and names what breaks the limits', () => {
    expect(keepProblem({ inventoryItemId: 'gid://shopify/InventoryItem/1' })).toBeUndefined();
    expect(keepProblem({})).toBeUndefined();
    expect(keepProblem(null)).toMatch(/not an object/);
    expect(keepProblem(['a'])).toMatch(/not an object/);
    expect(keepProblem({ n: 1 })).toMatch(/keep\.n is not a string/);
    expect(keepProblem({ long: 'x'.repeat(KEEP_LIMITS.chars + 1) })).toMatch(/longer than/);
    expect(keepProblem({ ['k'.repeat(KEEP_LIMITS.chars + 1)]: 'v' })).toMatch(/longer than/);
    const many = Object.fromEntries(Array.from({ length: KEEP_LIMITS.entries + 1 }, (_, i) => [`k${i}`, 'v']));
    expect(keepProblem(many)).toMatch(/entries/);
  });

  it('the hub drops a keep over the limits (the write stays written), logs once per chunk, passes the rest as they are', () => {
    const warn = jest.fn();
    const good = { a: '1' };
    const outcomes: WriteOutcome[] = [
      { ...ref('1'), status: 'written', keep: good },
      { ...ref('2'), status: 'written', keep: { big: 'x'.repeat(KEEP_LIMITS.chars + 1) } },
      { ...ref('3'), status: 'written', keep: { n: 2 as never } },
      { ...ref('4'), status: 'written' },
    ];
    expect(keepWithinLimits(outcomes, warn)).toEqual([
      { ...ref('1'), status: 'written', keep: good },
      { ...ref('2'), status: 'written' },
      { ...ref('3'), status: 'written' },
      { ...ref('4'), status: 'written' },
    ]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][1]).toEqual({ reason: expect.stringContaining('longer than') });
    keepWithinLimits([outcomes[0], outcomes[3]], warn);
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
