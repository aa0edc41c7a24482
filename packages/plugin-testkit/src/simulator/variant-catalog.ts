/**
 * variantCatalog: the steps a simulator of a two-level catalog takes on every platform alike. Products by id,
 * each listing its variants' ids in order; variants by id, each naming its product; tombstones
 * ("productId/variantId") of deleted variants in `state.deleted`. Finding the variant a VariantRef names,
 * removing one as a merchant would, and seeding a product's variants (create or reuse, list, clear the
 * tombstone) are the same on each; what a new product or variant looks like stays the platform's.
 */
import type { VariantRef } from '@stock-sync/plugin-sdk';
import { seedIntegerId } from './seed-ids';
import type { SeedProduct, SeedVariant } from './types';

/** The tombstone of a deleted variant (what variantHooks' default `wasDeleted` looks for). */
export function variantTombstone(productId: string | number, variantId: string | number): string {
  return `${productId}/${variantId}`;
}

export interface CatalogLayout<TState, P, V, K extends string | number> {
  products(state: TState): Map<K, P>;
  variants(state: TState): Map<K, V>;
  /** The id of the product a variant belongs to. */
  productOf(variant: V): K;
  /** A product's variant ids in the platform's order (the catalog adds to and removes from it in place). */
  variantIds(product: P): K[];
  /** What the platform calls a variant and a product (['variation', 'item']), as variantHooks' `names`. */
  names: readonly [variant: string, product: string];
  /**
   * Where the platform numbers its ids (positive integers): its name, for a bad seeded id's error
   * ("WooCommerce product ids are positive integers"). A ref that is not digits then names nothing.
   */
  integerIds?: { platform: string };
}

/** How one platform makes what a seed creates, and what a seed sets on a new or existing variant. */
export interface SeedMakers<P, V, K> {
  product(id: K, seed: SeedProduct): P;
  variant(id: K, product: P, seed: SeedVariant): V;
  /** Sets what the seed gives (SKU, initial stock: `seed.initial ?? { kind: 'unlimited' }`). */
  apply(variant: V, seed: SeedVariant): void;
  /** Lists a new variant (default: into the variants map and the product's list); e.g. for a platform's cap. */
  add?(variant: V, product: P): void;
}

export interface VariantCatalog<TState, P, V, K> {
  /** The variant `ref` names, when it belongs to the product `ref` names; else undefined. */
  find(state: TState, ref: VariantRef): V | undefined;
  /** Deletes a variant as a merchant would: out of the catalog and its product's list, its tombstone left. */
  remove(state: TState, variant: V): void;
  /**
   * Seeds one product: creates it unless it exists, then each variant (reused if it exists under this
   * product; one under another product is an error), lists new ones, clears tombstones and applies the seed.
   */
  seed(state: TState, product: SeedProduct, make: SeedMakers<P, V, K>): P;
}

export function variantCatalog<TState extends { deleted: Set<string> }, P, V extends { id: K }, K extends string | number>(
  layout: CatalogLayout<TState, P, V, K>,
): VariantCatalog<TState, P, V, K> {
  const [variantName, productName] = layout.names;
  const integers = layout.integerIds;
  /** The map key a ref names (undefined: it cannot name one). */
  const refKey = (raw: string): K | undefined => (integers ? (/^\d+$/.test(raw) ? (Number(raw) as K) : undefined) : (raw as K));
  const seedKey = (raw: string, what: string): K => (integers ? seedIntegerId(raw, `${integers.platform} ${what}`) : raw) as K;

  function list(state: TState, variant: V, product: P): void {
    layout.variants(state).set(variant.id, variant);
    layout.variantIds(product).push(variant.id);
  }

  return {
    find(state, ref) {
      const id = refKey(ref.externalVariantId);
      const v = id === undefined ? undefined : layout.variants(state).get(id);
      return v && String(layout.productOf(v)) === ref.externalProductId ? v : undefined;
    },
    remove(state, variant) {
      const productId = layout.productOf(variant);
      layout.variants(state).delete(variant.id);
      const product = layout.products(state).get(productId);
      if (product) {
        const ids = layout.variantIds(product);
        const at = ids.indexOf(variant.id);
        if (at >= 0) ids.splice(at, 1);
      }
      state.deleted.add(variantTombstone(productId, variant.id));
    },
    seed(state, sp, make) {
      const productId = seedKey(sp.productId, productName);
      const products = layout.products(state);
      let product = products.get(productId);
      if (!product) {
        product = make.product(productId, sp);
        products.set(productId, product);
      }
      for (const sv of sp.variants) {
        const id = seedKey(sv.variantId, variantName);
        const existing = layout.variants(state).get(id);
        if (existing && layout.productOf(existing) !== productId)
          throw new Error(`${variantName} ${id} already belongs to ${productName} ${layout.productOf(existing)}`);
        const variant = existing ?? make.variant(id, product, sv);
        if (!existing) (make.add ?? ((v, p) => list(state, v, p)))(variant, product);
        state.deleted.delete(variantTombstone(productId, id));
        make.apply(variant, sv);
      }
      return product;
    },
  };
}
