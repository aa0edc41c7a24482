/**
 * De-duplication of one call's inputs: a variant named twice is written (or read) once with its LAST
 * input, and every input index still gets its outcome. Inputs whose ids cannot be the platform's are
 * set aside by index (the plugin fails them without a call).
 */
import type { VariantRef } from '../contract';

export type CollapsedInput<T, F extends object = object> = {
  /** Input indexes this item answers for (several when the variant was named more than once). */
  indexes: number[];
  /** The last input naming the variant. */
  input: T;
} & F;

export interface CollapseOptions<T, F extends object> {
  /**
   * The platform's reading of an input's ids (e.g. parsed integers), merged into the item; undefined
   * when the ids cannot be the platform's (the index goes to `invalid`).
   */
  ids?: (input: T) => F | undefined;
  /** What makes two inputs the same variant (default: product id and variant id). */
  key?: (input: T) => string;
}

export interface Collapsed<T, F extends object> {
  /** Distinct variants in first-seen order. */
  items: CollapsedInput<T, F>[];
  /** Input indexes whose ids `ids` refused, in input order. */
  invalid: number[];
}

const byProductAndVariant = (v: VariantRef) => `${v.externalProductId}\u0000${v.externalVariantId}`;

export function collapseDuplicates<T extends VariantRef, F extends object = object>(
  inputs: readonly T[],
  options: CollapseOptions<T, F> = {},
): Collapsed<T, F> {
  const keyOf = options.key ?? byProductAndVariant;
  const byKey = new Map<string, CollapsedInput<T, F>>();
  const invalid: number[] = [];
  inputs.forEach((input, index) => {
    const ids = options.ids ? options.ids(input) : ({} as F);
    if (ids === undefined) {
      invalid.push(index);
      return;
    }
    const key = keyOf(input);
    const existing = byKey.get(key);
    if (existing) {
      existing.indexes.push(index);
      existing.input = input;
    } else {
      // `ids` spread last: a spread followed by properties costs V8 a runtime call per property, per variant.
      byKey.set(key, { indexes: [index], input, ...ids } as CollapsedInput<T, F>);
    }
  });
  return { items: [...byKey.values()], invalid };
}
