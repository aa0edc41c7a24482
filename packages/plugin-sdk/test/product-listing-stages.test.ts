import {
  AuthError,
  batched,
  NotFound,
  oneWritePerCall,
  OUT_OF_STOCK,
  quantity,
  readFromProductListing,
  Rejected,
  type PluginError,
  type PluginLogger,
  type StockWrite,
  type TargetStock,
  type VariantRef,
} from '../src';

const r = (p: string, v: string): VariantRef => ({ externalProductId: p, externalVariantId: v });
const w = (p: string, v: string, target: TargetStock = quantity(1), previous?: TargetStock): StockWrite => ({
  ...r(p, v),
  target,
  previous,
});
const quiet: PluginLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const words = { platform: 'Acme', variant: 'SKU' };
const unused = async (): Promise<never> => {
  throw new Error('not called');
};

describe('oneWritePerCall', () => {
  const connection = (write: (c: StockWrite) => Promise<PluginError | undefined>) =>
    batched({
      platform: 'Acme',
      id: 'acme',
      log: quiet,
      verify: async () => undefined,
      write: oneWritePerCall(words, write),
      read: { run: unused },
    });

  it('makes one call per variant, in order, and skips the ones the hub says are in place', async () => {
    const calls: string[] = [];
    const conn = connection(async (c) => void calls.push(`${c.externalProductId}/${c.externalVariantId}`));
    const out = await conn.writeStock([w('p', '1'), w('p', '2', quantity(4), quantity(4)), w('q', '3')]);
    expect(calls).toEqual(['p/1', 'q/3']);
    expect(out.map((o) => o.status)).toEqual(['written', 'written', 'written']);
  });

  it("a variant's own verdict is its outcome", async () => {
    const kept = new Rejected('kept 2');
    const conn = connection(async (c) => (c.externalVariantId === '2' ? kept : undefined));
    const out = await conn.writeStock([w('p', '1'), w('p', '2')]);
    expect(out).toEqual([
      { ...r('p', '1'), status: 'written' },
      { ...r('p', '2'), status: 'failed', error: kept },
    ]);
  });

  it("a NotFound thrown names the variant in the platform's words, with the bare ref; other errors stay as they are", async () => {
    const refused = new Rejected('refused');
    const conn = connection(async (c) => {
      throw c.externalVariantId === '1' ? new NotFound('404') : refused;
    });
    const [gone, other] = await conn.writeStock([w('p', '1', quantity(2)), w('p', '2')]);
    const error = gone.status === 'failed' ? gone.error : undefined;
    expect(error).toBeInstanceOf(NotFound);
    expect(error?.message).toBe('Acme has no SKU 1 in product p');
    expect(error?.details).toEqual(r('p', '1'));
    expect(other).toEqual({ ...r('p', '2'), status: 'failed', error: refused });
  });

  it("knows a NotFound by its code: one from another copy of the plugin API is named in the platform's words too", async () => {
    const foreign = Object.assign(new Error('404'), { code: 'not_found', retryable: false });
    const conn = connection(async () => {
      throw foreign;
    });
    const [gone] = await conn.writeStock([w('p', '1')]);
    const error = gone.status === 'failed' ? gone.error : undefined;
    expect(error?.code).toBe('not_found');
    expect(error?.message).toBe('Acme has no SKU 1 in product p');
  });
});

describe('readFromProductListing', () => {
  interface Row {
    n: number;
  }
  const connection = (list: (productId: string, wanted: ReadonlySet<string>) => Promise<ReadonlyMap<string, Row>>) =>
    batched({
      platform: 'Acme',
      id: 'acme',
      log: quiet,
      verify: async () => undefined,
      write: { run: unused },
      read: readFromProductListing(words, { list, stockOf: (row: Row) => (row.n > 0 ? quantity(row.n) : OUT_OF_STOCK) }),
    });

  it('lists each product once, told the ids wanted of it, and reads every wanted variant from its listing', async () => {
    const asked: [string, string[]][] = [];
    const conn = connection(async (productId, wanted) => {
      asked.push([productId, [...wanted]]);
      return new Map([
        ['1', { n: 3 }],
        ['2', { n: 0 }],
        ['3', { n: 8 }],
      ]);
    });
    const out = await conn.readStock([r('p', '1'), r('q', '3'), r('p', '2')]);
    expect(asked).toEqual([
      ['p', ['1', '2']],
      ['q', ['3']],
    ]);
    expect(out).toEqual([
      { ...r('p', '1'), status: 'found', stock: quantity(3) },
      { ...r('q', '3'), status: 'found', stock: quantity(8) },
      { ...r('p', '2'), status: 'found', stock: OUT_OF_STOCK },
    ]);
  });

  it("a variant the listing lacks is NotFound in the platform's words; the others of its product are read", async () => {
    const conn = connection(async () => new Map([['1', { n: 2 }]]));
    const [found, missing] = await conn.readStock([r('p', '1'), r('p', '9')]);
    expect(found).toEqual({ ...r('p', '1'), status: 'found', stock: quantity(2) });
    const error = missing.status === 'failed' ? missing.error : undefined;
    expect(error).toBeInstanceOf(NotFound);
    expect(error?.message).toBe('Acme product p has no SKU 9');
    expect(error?.details).toEqual({ productId: 'p' });
  });

  it('a listing refused with NotFound fails only that product, named; an error that stops the work stops it', async () => {
    const conn = connection(async (productId) => {
      if (productId === 'gone') throw new NotFound('404');
      return new Map([['1', { n: 1 }]]);
    });
    const [gone, kept] = await conn.readStock([r('gone', '1'), r('p', '1')]);
    const error = gone.status === 'failed' ? gone.error : undefined;
    expect(error?.message).toBe('Acme has no product gone');
    expect(error?.details).toEqual({ productId: 'gone' });
    expect(kept.status).toBe('found');

    const revoked = new AuthError('revoked');
    const stopped = connection(async () => {
      throw revoked;
    });
    expect(await stopped.readStock([r('a', '1'), r('b', '2')])).toEqual([
      { ...r('a', '1'), status: 'failed', error: revoked },
      { ...r('b', '2'), status: 'failed', error: revoked },
    ]);
  });
});
