/** variantCatalog: find, remove and seed for a simulator with products listing variants and tombstones. */
import type { VariantRef } from '@stock-sync/plugin-sdk';
import type { SeedProduct } from '../src';
import { variantCatalog, variantTombstone } from '../src';

interface Product {
  id: number;
  name: string;
  variantIds: number[];
}
interface Variant {
  id: number;
  productId: number;
  count: number;
  sku?: string;
}
interface State {
  products: Map<number, Product>;
  variants: Map<number, Variant>;
  deleted: Set<string>;
}

const ref = (externalProductId: string, externalVariantId: string): VariantRef => ({ externalProductId, externalVariantId });
const state = (): State => ({ products: new Map(), variants: new Map(), deleted: new Set() });

const catalog = variantCatalog<State, Product, Variant>({
  variants: 'variants',
  productOf: 'productId',
  variantIds: 'variantIds',
  names: ['variation', 'item'],
  integerIds: { platform: 'Acme' },
});

function seed(s: State, sp: SeedProduct): Product {
  catalog.seed(s, [sp], {
    product: (id, p) => ({ id, name: p.title ?? `Item ${id}`, variantIds: [] }),
    variant: (id, product) => ({ id, productId: product.id, count: 0 }),
    apply(v, sv) {
      if (sv.sku !== undefined) v.sku = sv.sku;
      v.count = sv.initial?.kind === 'quantity' ? sv.initial.quantity : 0;
    },
  });
  return s.products.get(Number(sp.productId))!;
}

describe('variantCatalog', () => {
  it('seeds a product and its variants in order, reusing what exists and applying each seed', () => {
    const s = state();
    seed(s, {
      productId: '10',
      title: 'Mug',
      variants: [{ variantId: '2', initial: { kind: 'quantity', quantity: 4 } }, { variantId: '1' }],
    });
    const product = seed(s, { productId: '10', variants: [{ variantId: '2', sku: 'MUG-2', initial: { kind: 'quantity', quantity: 7 } }] });
    expect(product).toEqual({ id: 10, name: 'Mug', variantIds: [2, 1] });
    expect(s.variants.get(2)).toEqual({ id: 2, productId: 10, count: 7, sku: 'MUG-2' });
    expect(s.variants.get(1)).toEqual({ id: 1, productId: 10, count: 0 });
  });

  it('refuses a variant already under another product, and ids the platform would not number', () => {
    const s = state();
    seed(s, { productId: '10', variants: [{ variantId: '2' }] });
    expect(() => seed(s, { productId: '11', variants: [{ variantId: '2' }] })).toThrow(new Error('variation 2 already belongs to item 10'));
    expect(() => seed(s, { productId: 'x', variants: [] })).toThrow("Acme item ids are positive integers, got 'x'");
    expect(() => seed(s, { productId: '10', variants: [{ variantId: '07' }] })).toThrow(
      "Acme variation ids are positive integers, got '07'",
    );
  });

  it('finds a variant only under the product the ref names, and nothing for a ref that is not a number', () => {
    const s = state();
    seed(s, { productId: '10', variants: [{ variantId: '2' }] });
    expect(catalog.find(s, ref('10', '2'))).toBe(s.variants.get(2));
    expect(catalog.find(s, ref('11', '2'))).toBeUndefined();
    expect(catalog.find(s, ref('10', '3'))).toBeUndefined();
    expect(catalog.find(s, ref('10', 'abc'))).toBeUndefined();
  });

  it('removes a variant from the catalog and its product, leaving a tombstone that a reseed clears', () => {
    const s = state();
    seed(s, { productId: '10', variants: [{ variantId: '1' }, { variantId: '2' }, { variantId: '3' }] });
    catalog.remove(s, s.variants.get(2)!);
    expect(s.products.get(10)!.variantIds).toEqual([1, 3]);
    expect(s.variants.has(2)).toBe(false);
    expect(s.deleted).toEqual(new Set([variantTombstone(10, 2)]));
    seed(s, { productId: '10', variants: [{ variantId: '2' }] });
    expect(s.deleted.size).toBe(0);
    expect(s.products.get(10)!.variantIds).toEqual([1, 3, 2]);
  });

  it('lists new variants through `add` when the platform has its own way, and settles each product after its variants', () => {
    const s = state();
    const steps: string[] = [];
    catalog.seed(
      s,
      [
        { productId: '5', variants: [{ variantId: '6' }, { variantId: '7' }] },
        { productId: '8', variants: [] },
      ],
      {
        product: (id) => ({ id, name: 'p', variantIds: [] }),
        variant: (id, p) => ({ id, productId: p.id, count: 0 }),
        apply: (v) => void steps.push(`apply ${v.id}`),
        add: (v) => void steps.push(`add ${v.id}`),
        settle: (p) => void steps.push(`settle ${p.id}`),
      },
    );
    expect(steps).toEqual(['add 6', 'apply 6', 'add 7', 'apply 7', 'settle 5', 'settle 8']);
    expect(s.variants.size).toBe(0);
  });

  it('works with string ids and another products field, where a ref is the key as it is', () => {
    type SState = {
      items: Map<string, { id: string; skuIds: string[] }>;
      skus: Map<string, { id: string; itemId: string }>;
      deleted: Set<string>;
    };
    const skus = variantCatalog<SState, { id: string; skuIds: string[] }, { id: string; itemId: string }>({
      products: 'items',
      variants: 'skus',
      productOf: 'itemId',
      variantIds: 'skuIds',
      names: ['SKU', 'item'],
    });
    const s: SState = { items: new Map(), skus: new Map(), deleted: new Set() };
    skus.seed(s, [{ productId: 'p-1', variants: [{ variantId: '007' }] }], {
      product: (id) => ({ id, skuIds: [] }),
      variant: (id, p) => ({ id, itemId: p.id }),
      apply: () => undefined,
    });
    expect(s.items.get('p-1')).toEqual({ id: 'p-1', skuIds: ['007'] });
    expect(skus.find(s, ref('p-1', '007'))).toEqual({ id: '007', itemId: 'p-1' });
    expect(skus.find(s, ref('p-1', '7'))).toBeUndefined();
    skus.remove(s, s.skus.get('007')!);
    expect(s.deleted).toEqual(new Set(['p-1/007']));
  });

  it("gives variantHooks with its find, remove and names, the tombstone being what inspect reads as 'deleted'", () => {
    const s = state();
    seed(s, { productId: '10', variants: [{ variantId: '2', initial: { kind: 'quantity', quantity: 1 } }, { variantId: '3' }] });
    const edits: string[] = [];
    const hooks = catalog.hooks({
      stock: (_s, v) => ({ kind: 'quantity', quantity: v.count }),
      edit: (_s, v, to) => void edits.push(`${v.id} ${to.kind}`),
    });
    expect(hooks.inspect(s, ref('10', '2'))).toEqual({ kind: 'quantity', quantity: 1 });
    hooks.manualEdit(s, ref('10', '3'), { kind: 'out_of_stock' });
    expect(edits).toEqual(['3 out_of_stock']);
    expect(() => hooks.manualEdit(s, ref('11', '3'), { kind: 'out_of_stock' })).toThrow('no variation 3 in item 11');
    hooks.deleteVariant(s, ref('10', '2'));
    expect(hooks.inspect(s, ref('10', '2'))).toBe('deleted');
    expect(s.products.get(10)!.variantIds).toEqual([3]);
  });

  it('lets a platform remove more than the catalog does', () => {
    const s = state();
    seed(s, { productId: '10', variants: [{ variantId: '2' }] });
    const removed: number[] = [];
    const hooks = catalog.hooks({
      stock: () => ({ kind: 'unlimited' }),
      edit: () => undefined,
      remove(st, v) {
        catalog.remove(st, v);
        removed.push(v.id);
      },
    });
    hooks.deleteVariant(s, ref('10', '2'));
    expect(removed).toEqual([2]);
    expect(hooks.inspect(s, ref('10', '2'))).toBe('deleted');
  });
});
