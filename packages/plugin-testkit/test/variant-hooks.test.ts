/** variantHooks: inspect / deleteVariant / manualEdit from a simulator's find, stock, remove and edit. */
import type { TargetStock, VariantRef } from '@stock-sync/plugin-sdk';
import { variantHooks } from '../src';

interface Sku {
  id: string;
  productId: string;
  count: number;
}
interface State {
  skus: Map<string, Sku>;
  deleted: Set<string>;
  edits: string[];
}

const ref = (externalProductId: string, externalVariantId: string): VariantRef => ({ externalProductId, externalVariantId });

function state(): State {
  return { skus: new Map([['s1', { id: 's1', productId: 'p1', count: 3 }]]), deleted: new Set(), edits: [] };
}

const hooks = variantHooks<State, Sku>({
  find: (s, r) => {
    const sku = s.skus.get(r.externalVariantId);
    return sku && sku.productId === r.externalProductId ? sku : undefined;
  },
  stock: (_s, sku) => (sku.count > 0 ? { kind: 'quantity', quantity: sku.count } : { kind: 'out_of_stock' }),
  remove: (s, sku) => {
    s.skus.delete(sku.id);
    s.deleted.add(`${sku.productId}/${sku.id}`);
  },
  edit: (s, sku, to: TargetStock) => {
    sku.count = to.kind === 'quantity' ? to.quantity : 0;
    s.edits.push(sku.id);
  },
  names: ['SKU', 'product'],
});

describe('variantHooks', () => {
  it('inspects a found variant through stock(), a tombstoned ref as deleted, anything else as never seeded', () => {
    const s = state();
    expect(hooks.inspect(s, ref('p1', 's1'))).toEqual({ kind: 'quantity', quantity: 3 });
    expect(hooks.inspect(s, ref('p2', 's1'))).toBeUndefined();
    expect(hooks.inspect(s, ref('p1', 'nope'))).toBeUndefined();
    hooks.deleteVariant(s, ref('p1', 's1'));
    expect(s.skus.has('s1')).toBe(false);
    expect(hooks.inspect(s, ref('p1', 's1'))).toBe('deleted');
  });

  it('deletes only a variant it finds (under its own product)', () => {
    const s = state();
    hooks.deleteVariant(s, ref('p2', 's1'));
    hooks.deleteVariant(s, ref('p1', 'nope'));
    expect(s.skus.has('s1')).toBe(true);
    expect(s.deleted.size).toBe(0);
  });

  it('edits a found variant; an edit of none throws, naming the ref in the platform’s words', () => {
    const s = state();
    hooks.manualEdit(s, ref('p1', 's1'), { kind: 'out_of_stock' });
    expect(s.skus.get('s1')!.count).toBe(0);
    expect(s.edits).toEqual(['s1']);
    expect(() => hooks.manualEdit(s, ref('p1', 's9'), { kind: 'unlimited' })).toThrow('no SKU s9 in product p1');
    expect(s.edits).toEqual(['s1']);
  });

  it('takes wasDeleted where the state keeps tombstones its own way, and passes the ref to remove', () => {
    const removed: VariantRef[] = [];
    const own = variantHooks<{ gone: Set<string>; skus: Map<string, Sku> }, Sku>({
      find: (s, r) => s.skus.get(r.externalVariantId),
      stock: () => ({ kind: 'unlimited' }),
      remove: (s, sku, r) => {
        removed.push(r);
        s.skus.delete(sku.id);
        s.gone.add(sku.id);
      },
      edit: () => undefined,
      names: ['item', 'page'],
      wasDeleted: (s, r) => s.gone.has(r.externalVariantId),
    });
    const s = { gone: new Set<string>(), skus: new Map([['a', { id: 'a', productId: 'x', count: 1 }]]) };
    own.deleteVariant(s, ref('any', 'a'));
    expect(removed).toEqual([ref('any', 'a')]);
    expect(own.inspect(s, ref('other', 'a'))).toBe('deleted');
    expect(() => own.manualEdit(s, ref('x', 'b'), { kind: 'unlimited' })).toThrow('no item b in page x');
  });

  it('says so when the state has no deleted set and no wasDeleted is given', () => {
    const bare = variantHooks<object, never>({
      find: () => undefined,
      stock: () => ({ kind: 'unlimited' }),
      remove: () => undefined,
      edit: () => undefined,
      names: ['v', 'p'],
    });
    expect(() => bare.inspect({}, ref('p', 'v'))).toThrow(/no `deleted` set/);
  });
});
