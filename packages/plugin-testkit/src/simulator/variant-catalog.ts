/**
 * variantCatalog: the steps a simulator of a two-level catalog takes on every platform alike. Products by id,
 * each listing its variants' ids in order; variants by id, each naming its product; tombstones
 * ("productId/variantId") of deleted variants in `state.deleted`. Finding the variant a VariantRef names,
 * removing one as a merchant would, and seeding a product's variants (create or reuse, list, clear the
 * tombstone) are the same on each; what a new product or variant looks like stays the platform's.
 */
import type { VariantRef } from '@stock-sync/plugin-sdk';
import { seedIntegerId } from './seed-ids';
import type { PlatformSimulatorDefinition, SeedProduct, SeedVariant } from './types';
import { variantHooks, variantTombstone, type VariantHooks } from './variant-hooks';

/** The keys of T whose values are a U. */
type KeyOf<T, U> = { [k in keyof T]-?: T[k] extends U ? k : never }[keyof T];
type IdOf<V> = V extends { id: infer K extends string | number } ? K : never;

/** Where a platform's state keeps its catalog: the names of its fields. */
export interface CatalogLayout<TState, P, V> {
  /** The state's map of products by id (default 'products'). */
  products?: KeyOf<TState, Map<IdOf<V>, P>>;
  /** The state's map of every variant by id. */
  variants: KeyOf<TState, Map<IdOf<V>, V>>;
  /** A variant's field naming its product. */
  productOf: KeyOf<V, IdOf<V>>;
  /** A product's list of its variants' ids, in the platform's order (added to and removed from in place). */
  variantIds: KeyOf<P, IdOf<V>[]>;
  /** What the platform calls a variant and a product (['variation', 'item']), as variantHooks' `names`. */
  names: readonly [variant: string, product: string];
  /**
   * Where the platform numbers its ids (positive integers): its name, for a bad seeded id's error
   * ("WooCommerce product ids are positive integers"). A ref that is not digits then names nothing.
   */
  integerIds?: { platform: string };
}

/** How one platform makes what a seed creates, and what a seed sets on a new or existing variant. */
export interface SeedMakers<P, V> {
  product(id: IdOf<V>, seed: SeedProduct): P;
  variant(id: IdOf<V>, product: P, seed: SeedVariant): V;
  /** Sets what the seed gives (SKU, initial stock: `seed.initial ?? { kind: 'unlimited' }`). */
  apply(variant: V, seed: SeedVariant): void;
  /** Lists a new variant (default: into the variants map and the product's list); e.g. for a platform's cap. */
  add?(variant: V, product: P): void;
  /** After a product's variants are seeded (e.g. a status derived from them). */
  settle?(product: P): void;
}

export interface VariantCatalog<TState, P, V> {
  /** The variant `ref` names, when it belongs to the product `ref` names; else undefined. */
  find(state: TState, ref: VariantRef): V | undefined;
  /** Deletes a variant as a merchant would: out of the catalog and its product's list, its tombstone left. */
  remove(state: TState, variant: V): void;
  /**
   * Seeds products in order: each is created unless it exists, then its variants (reused if they exist under
   * it; one under another product is an error) are listed if new, their tombstones cleared and the seed applied.
   */
  seed(state: TState, products: SeedProduct[], make: SeedMakers<P, V>): void;
  /**
   * The definition's inspect, deleteVariant and manualEdit (variantHooks) with this catalog's find, names and
   * remove (unless the platform removes more, e.g. a variation's counts).
   */
  hooks(
    h: Pick<VariantHooks<TState, V>, 'stock' | 'edit'> & Partial<Pick<VariantHooks<TState, V>, 'remove'>>,
  ): Pick<PlatformSimulatorDefinition<TState>, 'inspect' | 'deleteVariant' | 'manualEdit'>;
}

export function variantCatalog<TState extends { deleted: Set<string> }, P, V extends { id: string | number }>(
  layout: CatalogLayout<TState, P, V>,
): VariantCatalog<TState, P, V> {
  type K = IdOf<V>;
  const [variantName, productName] = layout.names;
  const integers = layout.integerIds;
  const products = (state: TState) => state[layout.products ?? ('products' as keyof TState)] as Map<K, P>;
  const variants = (state: TState) => state[layout.variants] as Map<K, V>;
  const productOf = (v: V) => v[layout.productOf] as K;
  const variantIds = (p: P) => p[layout.variantIds] as K[];
  /** The map key a ref names (undefined: it cannot name one). */
  const refKey = (raw: string): K | undefined => (integers ? (/^\d+$/.test(raw) ? (Number(raw) as K) : undefined) : (raw as K));
  const seedKey = (raw: string, what: string): K => (integers ? seedIntegerId(raw, `${integers.platform} ${what}`) : raw) as K;

  function list(state: TState, variant: V, product: P): void {
    variants(state).set(variant.id as K, variant);
    variantIds(product).push(variant.id as K);
  }

  function seedOne(state: TState, sp: SeedProduct, make: SeedMakers<P, V>): void {
    const productId = seedKey(sp.productId, productName);
    let product = products(state).get(productId);
    if (!product) {
      product = make.product(productId, sp);
      products(state).set(productId, product);
    }
    for (const sv of sp.variants) {
      const id = seedKey(sv.variantId, variantName);
      const existing = variants(state).get(id);
      if (existing && productOf(existing) !== productId)
        throw new Error(`${variantName} ${id} already belongs to ${productName} ${productOf(existing)}`);
      const variant = existing ?? make.variant(id, product, sv);
      if (!existing) (make.add ?? ((v, p) => list(state, v, p)))(variant, product);
      state.deleted.delete(variantTombstone(productId, id));
      make.apply(variant, sv);
    }
    make.settle?.(product);
  }

  const catalog: VariantCatalog<TState, P, V> = {
    find(state, ref) {
      const id = refKey(ref.externalVariantId);
      const v = id === undefined ? undefined : variants(state).get(id);
      return v && String(productOf(v)) === ref.externalProductId ? v : undefined;
    },
    remove(state, variant) {
      const productId = productOf(variant);
      variants(state).delete(variant.id as K);
      const product = products(state).get(productId);
      if (product) {
        const ids = variantIds(product);
        const at = ids.indexOf(variant.id as K);
        if (at >= 0) ids.splice(at, 1);
      }
      state.deleted.add(variantTombstone(productId, variant.id));
    },
    seed(state, seeds, make) {
      for (const sp of seeds) seedOne(state, sp, make);
    },
    hooks: (h) =>
      variantHooks<TState, V>({
        find: catalog.find,
        stock: h.stock,
        edit: h.edit,
        remove: h.remove ?? catalog.remove,
        names: layout.names,
      }),
  };
  return catalog;
}
