/**
 * One result slot per input, filled in any order as calls answer, returned in input order. The
 * contract wants exactly one outcome per input: `fillRemaining` gives every slot still empty the error
 * that stopped the work, and `done` refuses to return a list with a hole (a plugin bug, said loudly).
 */
import type { VariantRef } from '../contract';

export class OutcomeSlots<T> {
  private readonly slots: (T | undefined)[];

  constructor(size: number) {
    this.slots = new Array<T | undefined>(size).fill(undefined);
  }

  /** Fills (or overwrites) the slots of these input indexes. */
  set(indexes: readonly number[], make: (index: number) => T): void {
    for (const i of indexes) this.slots[i] = make(i);
  }

  /** Fills every slot still empty (the connection-level error that stopped the work, typically). */
  fillRemaining(make: (index: number) => T): void {
    this.slots.forEach((v, i) => {
      if (v === undefined) this.slots[i] = make(i);
    });
  }

  /** Indexes not filled yet. */
  remaining(): number[] {
    const out: number[] = [];
    this.slots.forEach((v, i) => {
      if (v === undefined) out.push(i);
    });
    return out;
  }

  done(): T[] {
    const hole = this.slots.findIndex((v) => v === undefined);
    if (hole >= 0) throw new Error(`outcome slot ${hole} of ${this.slots.length} was never filled`);
    return this.slots as T[];
  }
}

/** The bare reference of a write or read input (outcomes must not echo `target`/`previous`). */
export function refOf(v: VariantRef): VariantRef {
  return { externalProductId: v.externalProductId, externalVariantId: v.externalVariantId };
}
