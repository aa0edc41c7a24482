import { AuthError, NotFound, OUT_OF_STOCK, quantity, Rejected, UNLIMITED } from '@stock-sync/plugin-sdk';
import type { StockWrite, WriteOutcome } from '@stock-sync/plugin-sdk';
import type { SeedProduct } from '../src';
import { EACH_TARGET_KIND, outcomeNames, pairTargets, seedAndWriteEach, seedProduct, seedRefs } from '../src';

/** A store that records what was seeded and written, and answers every write `written` after the seed. */
function recordingStore() {
  const events: string[] = [];
  const seeded: SeedProduct[] = [];
  const written: StockWrite[][] = [];
  const sim = {
    seed(products: SeedProduct[]) {
      events.push('seed');
      seeded.push(...products);
    },
  };
  const connection = {
    async writeStock(changes: readonly StockWrite[]): Promise<WriteOutcome[]> {
      events.push('write');
      written.push([...changes]);
      return changes.map((c) => ({ externalProductId: c.externalProductId, externalVariantId: c.externalVariantId, status: 'written' }));
    },
  };
  return { sim, connection, events, seeded, written };
}

const ref = (p: string, v: string) => ({ externalProductId: p, externalVariantId: v });

it('EACH_TARGET_KIND is one target of each kind: unlimited, out of stock, a count', () => {
  expect(EACH_TARGET_KIND).toEqual([UNLIMITED, OUT_OF_STOCK, quantity(7)]);
});

it('seedRefs seeds the product and returns its refs in seed order', () => {
  const store = recordingStore();
  const p = seedProduct(5, 50, 2);
  expect(seedRefs(store.sim, p)).toEqual([ref('5', '50'), ref('5', '51')]);
  expect(store.seeded).toEqual([p]);
});

it('pairTargets gives each ref its own target, and refuses counts that differ', () => {
  expect(pairTargets([ref('1', '1'), ref('1', '2')], [OUT_OF_STOCK, quantity(3)])).toEqual([
    { ...ref('1', '1'), target: OUT_OF_STOCK },
    { ...ref('1', '2'), target: quantity(3) },
  ]);
  expect(() => pairTargets([ref('1', '1')], EACH_TARGET_KIND)).toThrow('pairTargets: 1 refs but 3 targets');
});

describe('seedAndWriteEach', () => {
  it('seeds first, then writes one target of each kind to the three variants in one call', async () => {
    const store = recordingStore();
    const { refs, outcomes } = await seedAndWriteEach(store.sim, store.connection, seedProduct(100, 11, 3));
    expect(store.events).toEqual(['seed', 'write']);
    expect(refs).toEqual([ref('100', '11'), ref('100', '12'), ref('100', '13')]);
    expect(store.written).toEqual([
      [
        { ...refs[0], target: UNLIMITED },
        { ...refs[1], target: OUT_OF_STOCK },
        { ...refs[2], target: quantity(7) },
      ],
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['written', 'written', 'written']);
  });

  it("writes the test's own targets, and returns the connection's outcomes as they came", async () => {
    const store = recordingStore();
    const failed: WriteOutcome = { ...ref('7', '1'), status: 'failed', error: new Rejected('no') };
    const connection = { writeStock: async () => [failed] };
    const { outcomes } = await seedAndWriteEach(store.sim, connection, seedProduct(7, 1, 1), [quantity(2)]);
    expect(outcomes).toEqual([failed]);
    await expect(seedAndWriteEach(store.sim, store.connection, seedProduct(7, 1, 2), [quantity(2)])).rejects.toThrow(
      /2 refs but 1 targets/,
    );
  });
});

it('outcomeNames: the status, or the contract error class of a failure; any other error by its name', () => {
  class PlatformQuirk extends Error {
    override name = 'PlatformQuirk';
  }
  const names = outcomeNames([
    { ...ref('1', '1'), status: 'written' },
    { ...ref('1', '2'), status: 'found', stock: UNLIMITED },
    { ...ref('1', '3'), status: 'failed', error: new NotFound('gone') },
    { ...ref('1', '4'), status: 'failed', error: new AuthError('revoked') },
    { ...ref('1', '5'), status: 'failed', error: new PlatformQuirk('odd') as unknown as NotFound },
  ]);
  expect(names).toEqual(['written', 'found', 'NotFound', 'AuthError', 'failed: PlatformQuirk']);
});
