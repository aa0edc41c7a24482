import {
  allInPlace,
  AuthError,
  chunk,
  collapseDuplicates,
  groupByProduct,
  isInPlace,
  NotFound,
  OUT_OF_STOCK,
  OutcomeSlots,
  quantity,
  RateLimited,
  refOf,
  Rejected,
  skipWhereItSavesCalls,
  skipWritesInPlace,
  stopsTheWork,
  toPluginError,
  Transient,
  UNLIMITED,
  type StockWrite,
} from '../src';

const w = (p: string, v: string, target = quantity(1), previous?: StockWrite['previous']): StockWrite => ({
  externalProductId: p,
  externalVariantId: v,
  target,
  previous,
});

describe('OutcomeSlots', () => {
  it('returns slots in input order whatever order they were filled in', () => {
    const s = new OutcomeSlots<string>(3);
    s.set([2], (i) => `c${i}`);
    s.set([0, 1], (i) => `a${i}`);
    expect(s.done()).toEqual(['a0', 'a1', 'c2']);
  });

  it('fillRemaining fills only the empty slots (the stop error after partial work)', () => {
    const s = new OutcomeSlots<string>(4);
    s.set([1], () => 'written');
    expect(s.remaining()).toEqual([0, 2, 3]);
    s.fillRemaining(() => 'stopped');
    expect(s.done()).toEqual(['stopped', 'written', 'stopped', 'stopped']);
  });

  it('refuses to return a list with a hole', () => {
    const s = new OutcomeSlots<string>(2);
    s.set([0], () => 'x');
    expect(() => s.done()).toThrow('outcome slot 1 of 2 was never filled');
  });

  it('refOf keeps only the reference', () => {
    expect(refOf(w('p', 'v', UNLIMITED, OUT_OF_STOCK))).toEqual({ externalProductId: 'p', externalVariantId: 'v' });
  });
});

describe('stopsTheWork / toPluginError', () => {
  it('stops on auth, rate limit and transient errors only', () => {
    expect(stopsTheWork(new AuthError('x'))).toBe(true);
    expect(stopsTheWork(new RateLimited('x', 1000))).toBe(true);
    expect(stopsTheWork(new Transient('x'))).toBe(true);
    expect(stopsTheWork(new NotFound('x'))).toBe(false);
    expect(stopsTheWork(new Rejected('x'))).toBe(false);
  });

  it('passes PluginErrors through and never echoes a foreign message', () => {
    const nf = new NotFound('gone');
    expect(toPluginError(nf, 'Acme')).toBe(nf);
    const e = toPluginError(new TypeError('GET https://x/?token=shpat_test_secret failed'), 'Acme');
    expect(e).toBeInstanceOf(Transient);
    expect(e.message).toBe('Unexpected failure talking to Acme (TypeError)');
    expect(toPluginError('boom', 'Acme').message).toBe('Unexpected failure talking to Acme (string)');
  });
});

describe('collapseDuplicates', () => {
  it('keeps the last input of a variant named twice, first-seen order, every index kept', () => {
    const inputs = [w('p1', 'a', quantity(1)), w('p1', 'b'), w('p1', 'a', quantity(9)), w('p2', 'a')];
    const { items, invalid } = collapseDuplicates(inputs);
    expect(invalid).toEqual([]);
    expect(items.map((i) => [i.input.externalProductId, i.input.externalVariantId, i.indexes])).toEqual([
      ['p1', 'a', [0, 2]],
      ['p1', 'b', [1]],
      ['p2', 'a', [3]],
    ]);
    expect(items[0].input.target).toEqual(quantity(9));
  });

  it('merges parsed ids into each item and sets aside inputs whose ids are refused', () => {
    const parse = (s: string) => (/^[1-9][0-9]*$/.test(s) ? Number(s) : undefined);
    const { items, invalid } = collapseDuplicates([w('10', '7'), w('x', '1'), w('10', '07')], {
      ids: (c) => {
        const productId = parse(c.externalProductId);
        const variantId = parse(c.externalVariantId);
        return productId === undefined || variantId === undefined ? undefined : { productId, variantId };
      },
    });
    expect(invalid).toEqual([1, 2]);
    expect(items).toEqual([{ productId: 10, variantId: 7, indexes: [0], input: w('10', '7') }]);
  });

  it('takes a custom key (e.g. one SKU id across products)', () => {
    const { items } = collapseDuplicates([w('p1', 'sku'), w('p2', 'sku')], { key: (c) => c.externalVariantId });
    expect(items).toHaveLength(1);
    expect(items[0].indexes).toEqual([0, 1]);
    expect(items[0].input.externalProductId).toBe('p2');
  });
});

describe('groupByProduct / chunk', () => {
  it('groups in first-seen product order', () => {
    const { items } = collapseDuplicates([w('p2', 'a'), w('p1', 'b'), w('p2', 'c')]);
    const groups = groupByProduct(items);
    expect(groups.map((g) => [g.productId, g.items.map((i) => i.input.externalVariantId)])).toEqual([
      ['p2', ['a', 'c']],
      ['p1', ['b']],
    ]);
  });

  it('groups by a parsed key', () => {
    const groups = groupByProduct(
      [
        { input: w('1', 'a'), pid: 1 },
        { input: w('01', 'b'), pid: 1 },
      ],
      (i) => i.pid,
    );
    expect(groups).toHaveLength(1);
    expect(groups[0].productId).toBe(1);
  });

  it('chunks to the batch limit and refuses a nonsense size', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 3)).toEqual([]);
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});

describe('the in-place rule', () => {
  const inPlace = { input: w('p', 'a', quantity(3), quantity(3)) };
  const changed = { input: w('p', 'b', quantity(3), quantity(2)) };
  const unknown = { input: w('p', 'c', quantity(3)) };

  it('a write is in place only when the hub knows previous and it equals target', () => {
    expect(isInPlace(inPlace.input)).toBe(true);
    expect(isInPlace(changed.input)).toBe(false);
    expect(isInPlace(unknown.input)).toBe(false);
    expect(isInPlace({ ...unknown.input, previous: null })).toBe(false);
  });

  it('one call per item: each in-place write is skipped', () => {
    expect(skipWritesInPlace([inPlace, changed, unknown], 'item')).toEqual({ send: [changed, unknown], skipped: [inPlace] });
  });

  it('batched calls: a group is skipped only when all of it is in place', () => {
    expect(skipWritesInPlace([inPlace, changed], 'group')).toEqual({ send: [inPlace, changed], skipped: [] });
    expect(skipWritesInPlace([inPlace, inPlace], 'group')).toEqual({ send: [], skipped: [inPlace, inPlace] });
    expect(allInPlace([])).toBe(false);
  });

  it('uses the platform comparison when given one', () => {
    // A platform that cannot tell "out of stock" from "quantity 0".
    const same = (a: StockWrite['target'], b: StockWrite['target']) =>
      JSON.stringify(a) === JSON.stringify(b) ||
      [a, b].every((s) => s.kind === 'out_of_stock' || (s.kind === 'quantity' && s.quantity === 0));
    const item = { input: w('p', 'a', OUT_OF_STOCK, quantity(0)) };
    expect(isInPlace(item.input)).toBe(false);
    expect(isInPlace(item.input, same)).toBe(true);
    expect(skipWritesInPlace([item], 'item', same).skipped).toEqual([item]);
  });
});

describe('skipWhereItSavesCalls', () => {
  const items = (n: number, inPlace: number) =>
    Array.from({ length: n }, (_, k) => ({ input: w('p', String(k), quantity(2), k < inPlace ? quantity(2) : quantity(1)) }));

  it('drops the writes in place only when the rest fit in fewer calls', () => {
    expect(skipWhereItSavesCalls(items(10, 10), 50)).toEqual({ send: [], skipped: items(10, 10) });
    expect(skipWhereItSavesCalls(items(10, 3), 50)).toEqual({ send: items(10, 3), skipped: [] });
    const split = skipWhereItSavesCalls(items(60, 45), 50);
    expect([split.send.length, split.skipped.length]).toEqual([15, 45]);
    expect(skipWhereItSavesCalls(items(2, 1), 1).send).toHaveLength(1);
  });

  it("compares with the platform's `same`", () => {
    expect(skipWhereItSavesCalls(items(2, 2), 1, () => false).send).toHaveLength(2);
  });
});
