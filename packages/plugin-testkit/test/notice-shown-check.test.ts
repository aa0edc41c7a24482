// The notices contract fails a plugin whose notice says a variant shows something its own readStock does not read.
import { NotFound, type ObservedStock, type TargetStock, type VariantRef } from '@stock-sync/plugin-sdk';
import { expectShownAsReadStockReads } from '../src/contract/notice-shown-check';

const EDITED: VariantRef = { externalProductId: 'p1', externalVariantId: 'v1' };
const Q = (quantity: number): TargetStock => ({ kind: 'quantity', quantity });

function reading(answer: (ref: VariantRef) => ObservedStock) {
  const reads: VariantRef[][] = [];
  return {
    reads,
    connection: {
      readStock: async (refs: readonly VariantRef[]) => {
        reads.push([...refs]);
        return refs.map(answer);
      },
    },
  };
}

describe('expectShownAsReadStockReads', () => {
  it("passes when every ref's shown is what readStock reads", async () => {
    const { connection, reads } = reading((r) => ({ ...r, status: 'found', stock: Q(17) }));
    await expectShownAsReadStockReads(connection, EDITED, [
      { externalVariantId: 'v1', shown: Q(17) },
      { externalVariantId: 'v1', externalProductId: 'p1', shown: Q(17) },
    ]);
    expect(reads).toEqual([[EDITED]]);
  });

  it('fails a plugin whose shown disagrees with its own read-back, naming both', async () => {
    const { connection } = reading((r) => ({ ...r, status: 'found', stock: Q(17) }));
    await expect(expectShownAsReadStockReads(connection, EDITED, [{ externalVariantId: 'v1', shown: Q(18) }])).rejects.toThrow(
      /shows quantity 18, but readStock reads quantity 17/,
    );
    // 0 and sold out are different answers here: shown must be read with readStock's very mapping.
    const zero = reading((r) => ({ ...r, status: 'found', stock: Q(0) }));
    await expect(
      expectShownAsReadStockReads(zero.connection, EDITED, [{ externalVariantId: 'v1', shown: { kind: 'out_of_stock' } }]),
    ).rejects.toThrow(/out_of_stock, but readStock reads quantity 0/);
  });

  it('fails when the read-back fails; reads nothing when no ref carries shown', async () => {
    const failing = reading((r) => ({ ...r, status: 'failed', error: new NotFound('gone') }));
    await expect(expectShownAsReadStockReads(failing.connection, EDITED, [{ externalVariantId: 'v1', shown: Q(1) }])).rejects.toThrow(
      /readStock of the edited variant failed: gone/,
    );
    const none = reading(() => {
      throw new Error('not expected');
    });
    await expectShownAsReadStockReads(none.connection, EDITED, [{ externalVariantId: 'v1' }, { externalProductId: 'p1' }]);
    expect(none.reads).toEqual([]);
  });
});
