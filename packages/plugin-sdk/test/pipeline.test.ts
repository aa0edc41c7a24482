import {
  AuthError,
  batched,
  inPool,
  NotFound,
  OUT_OF_STOCK,
  perVariant,
  quantity,
  RateLimited,
  Rejected,
  StopTheWork,
  Transient,
  UNLIMITED,
  Written,
  type PluginLogger,
  type StockWrite,
  type VariantRef,
} from '../src';

const w = (p: string, v: string, target = quantity(1), previous?: StockWrite['previous']): StockWrite => ({
  externalProductId: p,
  externalVariantId: v,
  target,
  previous,
});
const r = (p: string, v: string): VariantRef => ({ externalProductId: p, externalVariantId: v });

function recordingLog(): PluginLogger & { lines: [string, string, unknown][] } {
  const lines: [string, string, unknown][] = [];
  const at = (level: string) => (message: string, meta?: unknown) => void lines.push([level, message, meta]);
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

const base = (log = recordingLog()) => ({ platform: 'Acme', id: 'acme', log, verify: async () => undefined });
const written = (ref: VariantRef) => ({ ...ref, status: 'written' });
const never = async (): Promise<never> => {
  throw new Error('not called');
};
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('inPool', () => {
  it('refuses a width that is not a whole number >= 1', async () => {
    for (const width of [0, 1.5, NaN, -1]) await expect(inPool([1], width, async () => undefined)).rejects.toThrow(RangeError);
  });

  it('runs every item with at most `width` in flight, and nothing for no items', async () => {
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    await inPool([1, 2, 3, 4, 5], 2, async (n) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await tick();
      seen.push(n);
      inFlight--;
    });
    expect(most).toBe(2);
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5]);
    const none = jest.fn();
    await inPool([], 3, none);
    expect(none).not.toHaveBeenCalled();
  });

  it('uses every lane it may (a width above one runs items side by side)', async () => {
    let most = 0;
    let inFlight = 0;
    await inPool([1, 2, 3], 5, async () => {
      most = Math.max(most, ++inFlight);
      await tick();
      inFlight--;
    });
    expect(most).toBe(3);
  });

  it('stops taking items after the first failure, lets the ones in flight settle, then rethrows it', async () => {
    const started: number[] = [];
    const settled: number[] = [];
    const boom = new Error('first');
    const run = inPool([1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      if (n === 1) throw boom;
      await tick();
      if (n === 2) throw new Error('second');
      settled.push(n);
    });
    await expect(run).rejects.toBe(boom);
    expect(started).toEqual([1, 2]);
    expect(settled).toEqual([]);
  });
});

describe('batched: planning', () => {
  it('fails unusable ids without a call: Rejected on write, NotFound on read, default message naming the platform', async () => {
    const run = jest.fn(never);
    const conn = batched({
      ...base(),
      ids: (ref) => (/^\d+$/.test(ref.externalVariantId) ? {} : undefined),
      write: { run },
      read: { run },
    });
    const [out] = await conn.writeStock([w('1', 'x')]);
    expect(out).toMatchObject({ ...r('1', 'x'), status: 'failed' });
    expect(out.status === 'failed' && out.error).toBeInstanceOf(Rejected);
    expect(out.status === 'failed' && out.error.message).toBe('Not a Acme product / variant id');
    expect(out.status === 'failed' && out.error.details).toEqual(r('1', 'x'));
    const [read] = await conn.readStock([r('1', 'x')]);
    expect(read.status === 'failed' && read.error).toBeInstanceOf(NotFound);
    expect(read.status === 'failed' && read.error.details).toEqual(r('1', 'x'));
    expect(run).not.toHaveBeenCalled();
  });

  it('takes the invalid-id errors as messages or factories', async () => {
    const ids = () => undefined;
    const byMessage = batched({
      ...base(),
      ids,
      invalid: { write: 'numeric ids', read: 'not ours' },
      write: { run: never },
      read: { run: never },
    });
    const [wm] = await byMessage.writeStock([w('a', 'b')]);
    expect(wm.status === 'failed' && [wm.error.constructor, wm.error.message]).toEqual([Rejected, 'numeric ids']);
    const [rm] = await byMessage.readStock([r('a', 'b')]);
    expect(rm.status === 'failed' && [rm.error.constructor, rm.error.message]).toEqual([NotFound, 'not ours']);
    const made = new Transient('made');
    const byFactory = batched({
      ...base(),
      ids,
      invalid: { write: () => made, read: () => made },
      write: { run: never },
      read: { run: never },
    });
    expect(await byFactory.writeStock([w('a', 'b')])).toEqual([{ ...r('a', 'b'), status: 'failed', error: made }]);
    expect(await byFactory.readStock([r('a', 'b')])).toEqual([{ ...r('a', 'b'), status: 'failed', error: made }]);
  });

  it('hands the platform ids to the calls, sends a variant named twice once with its last input, answers every index', async () => {
    const run = jest.fn(async (batch: readonly { n: number; input: StockWrite }[]) => {
      expect(batch.map((b) => [b.n, b.input.target])).toEqual([
        [1, quantity(9)],
        [2, quantity(1)],
      ]);
    });
    const conn = batched({ ...base(), ids: (ref) => ({ n: Number(ref.externalVariantId) }), write: { run }, read: { run: never } });
    const out = await conn.writeStock([w('p', '1', quantity(1)), w('p', '2'), w('p', '1', quantity(9))]);
    expect(out).toEqual([written(r('p', '1')), written(r('p', '2')), written(r('p', '1'))]);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('uses `key` to tell variants apart (e.g. SKU alone)', async () => {
    const sizes: number[] = [];
    const conn = batched({
      ...base(),
      key: (ref) => ref.externalVariantId,
      write: { run: async (batch) => void sizes.push(batch.length) },
      read: { run: never },
    });
    expect(await conn.writeStock([w('p1', 'sku'), w('p2', 'sku')])).toHaveLength(2);
    expect(sizes).toEqual([2 - 1]);
  });

  it('scopes calls by groupBy (first-seen order) and chunks each group at maxBatch; no maxBatch sends the group whole', async () => {
    const calls: [string, string[]][] = [];
    const rec = async (batch: readonly { input: VariantRef }[], key: string) => {
      calls.push([key, batch.map((b) => b.input.externalVariantId)]);
    };
    const conn = batched({
      ...base(),
      write: { groupBy: (i) => i.input.externalProductId, maxBatch: 2, run: rec },
      read: { groupBy: (i) => i.input.externalProductId, run: async (batch, key) => (await rec(batch, key), batch.map(() => UNLIMITED)) },
    });
    await conn.writeStock([w('b', '1'), w('a', '2'), w('b', '3'), w('b', '4')]);
    expect(calls).toEqual([
      ['b', ['1', '3']],
      ['b', ['4']],
      ['a', ['2']],
    ]);
    calls.length = 0;
    await conn.readStock([r('b', '1'), r('a', '2'), r('b', '3'), r('b', '4')]);
    expect(calls).toEqual([
      ['b', ['1', '3', '4']],
      ['a', ['2']],
    ]);
  });

  it('makes no call for an empty run', async () => {
    const run = jest.fn(never);
    const conn = batched({ ...base(), write: { run }, read: { run } });
    expect(await conn.writeStock([])).toEqual([]);
    expect(await conn.readStock([])).toEqual([]);
    expect(run).not.toHaveBeenCalled();
  });

  it('passes verify through', async () => {
    const verify = jest.fn(async () => {
      throw new AuthError('no');
    });
    await expect(batched({ ...base(), verify, write: { run: never }, read: { run: never } }).verify()).rejects.toBeInstanceOf(AuthError);
  });
});

describe('batched: writes in place', () => {
  const same = [w('p', '1', quantity(2), quantity(2)), w('p', '2', OUT_OF_STOCK, OUT_OF_STOCK)];
  const mixed = [w('q', '3', quantity(2), quantity(2)), w('q', '4', quantity(5), quantity(1))];

  function setUp(stage: object) {
    const sent: string[][] = [];
    const log = recordingLog();
    const conn = batched({
      ...base(log),
      write: {
        groupBy: (i) => i.input.externalProductId,
        ...stage,
        run: async (batch) => void sent.push(batch.map((b) => b.input.externalVariantId)),
      },
      read: { run: never },
    });
    return { sent, log, conn };
  }

  it("'group' (the default) skips a group only when all of it is in place, and says so at debug", async () => {
    const { sent, log, conn } = setUp({});
    const out = await conn.writeStock([...same, ...mixed]);
    expect(out.map((o) => o.status)).toEqual(['written', 'written', 'written', 'written']);
    expect(sent).toEqual([['3', '4']]);
    expect(log.lines).toEqual([['debug', 'acme: skipped writes already in place', { skipped: 2 }]]);
  });

  it("'item' skips each write in place; 'never' sends them all", async () => {
    const item = setUp({ skipInPlace: 'item' });
    await item.conn.writeStock([...same, ...mixed]);
    expect(item.sent).toEqual([['4']]);
    const all = setUp({ skipInPlace: 'never' });
    await all.conn.writeStock([...same, ...mixed]);
    expect(all.sent).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(all.log.lines).toEqual([]);
  });

  it("'calls' drops the writes in place only where that saves a whole call of maxBatch", async () => {
    const inPlace = (v: string) => w('p', v, quantity(1), quantity(1));
    const changed = (v: string) => w('p', v, quantity(2), quantity(1));
    const saves = setUp({ skipInPlace: 'calls', maxBatch: 2 });
    await saves.conn.writeStock([inPlace('1'), changed('2'), inPlace('3')]);
    expect(saves.sent).toEqual([['2']]);
    const savesNothing = setUp({ skipInPlace: 'calls', maxBatch: 2 });
    await savesNothing.conn.writeStock([inPlace('1'), changed('2')]);
    expect(savesNothing.sent).toEqual([['1', '2']]);
    const whole = setUp({ skipInPlace: 'calls' });
    await whole.conn.writeStock([inPlace('1'), changed('2')]);
    expect(whole.sent).toEqual([['1', '2']]);
    await whole.conn.writeStock([inPlace('1'), inPlace('3')]);
    expect(whole.sent).toEqual([['1', '2']]);
    const custom = setUp({ skipInPlace: 'calls', maxBatch: 1, same: () => false });
    await custom.conn.writeStock([inPlace('1')]);
    expect(custom.sent).toEqual([['1']]);
  });

  it("takes the platform's own rule over a group's items", async () => {
    const { sent, conn } = setUp({
      skipInPlace: (items: { input: StockWrite }[]) => ({ send: items.slice(1), skipped: items.slice(0, 1) }),
    });
    const out = await conn.writeStock(mixed);
    expect(sent).toEqual([['4']]);
    expect(out.map((o) => o.status)).toEqual(['written', 'written']);
  });

  it("compares with the platform's `same`", async () => {
    const { sent, conn } = setUp({ same: () => false });
    await conn.writeStock(same);
    expect(sent).toEqual([['1', '2']]);
  });
});

describe('batched: answers', () => {
  it('maps a write answer: nothing = all written, one error = all failed, entries per item (undefined = written)', async () => {
    const gone = new NotFound('gone');
    const answers = [undefined, gone, [undefined, gone]];
    const conn = batched({
      ...base(),
      write: { groupBy: (i) => i.input.externalProductId, run: async () => answers.shift() },
      read: { run: never },
    });
    const out = await conn.writeStock([w('a', '1'), w('b', '2'), w('b', '3'), w('c', '4'), w('c', '5')]);
    expect(out).toEqual([
      written(r('a', '1')),
      { ...r('b', '2'), status: 'failed', error: gone },
      { ...r('b', '3'), status: 'failed', error: gone },
      written(r('c', '4')),
      { ...r('c', '5'), status: 'failed', error: gone },
    ]);
  });

  it('a Written entry is written with its keep (a call, a StopTheWork, perVariant); a read answering one gets a gap', async () => {
    const keep = { inventoryItemId: 'gid://shopify/InventoryItem/7' };
    const outage = new Transient('outage');
    const conn = batched({
      ...base(),
      write: {
        groupBy: (i) => i.input.externalProductId,
        skipInPlace: 'never',
        run: async (_batch, key) => {
          if (key === 'a') return [new Written(keep), undefined];
          throw new StopTheWork(outage, { answered: [new Written({ n: '2' }), undefined] });
        },
      },
      read: { run: async () => [new Written(keep) as never] },
    });
    expect(await conn.writeStock([w('a', '1'), w('a', '2'), w('b', '3'), w('b', '4')])).toEqual([
      { ...r('a', '1'), status: 'written', keep },
      written(r('a', '2')),
      { ...r('b', '3'), status: 'written', keep: { n: '2' } },
      { ...r('b', '4'), status: 'failed', error: outage },
    ]);
    const [read] = await conn.readStock([r('a', '1')]);
    expect(read.status === 'failed' && read.error).toBeInstanceOf(Transient);
    const one = perVariant({ ...base(), write: async () => new Written(keep), read: never });
    expect(await one.writeStock([w('a', '1')])).toEqual([{ ...r('a', '1'), status: 'written', keep }]);
    const stop = batched({
      ...base(),
      write: { run: never },
      read: {
        run: async () => {
          throw new StopTheWork(outage, { answered: [new Written(keep)] });
        },
      },
    });
    const [refused] = await stop.readStock([r('a', '1')]);
    expect(refused.status === 'failed' && refused.error.message).toBe('Unexpected failure talking to Acme (TypeError)');
  });

  it('outcomes carry the bare reference, never target or previous', async () => {
    const conn = batched({ ...base(), write: { skipInPlace: 'never', run: async () => undefined }, read: { run: never } });
    expect(await conn.writeStock([w('a', '1', UNLIMITED, UNLIMITED)])).toEqual([written(r('a', '1'))]);
  });

  it('maps a read answer: stock = found, error = failed, one error = all failed, a gap = Transient naming the variant', async () => {
    const gone = new NotFound('gone');
    const answers = [[quantity(3), gone, undefined], gone];
    const conn = batched({
      ...base(),
      write: { run: never },
      read: { groupBy: (i) => i.input.externalProductId, run: async () => answers.shift()! },
    });
    const out = await conn.readStock([r('a', '1'), r('a', '2'), r('a', '3'), r('b', '4')]);
    expect(out.slice(0, 2)).toEqual([
      { ...r('a', '1'), status: 'found', stock: quantity(3) },
      { ...r('a', '2'), status: 'failed', error: gone },
    ]);
    const gap = out[2].status === 'failed' ? out[2].error : undefined;
    expect(gap).toBeInstanceOf(Transient);
    expect(gap?.message).toBe('Acme gave no stock for variant 3');
    expect(gap?.details).toEqual(r('a', '3'));
    expect(out[3]).toEqual({ ...r('b', '4'), status: 'failed', error: gone });
  });

  it('a read call that answers nothing leaves every item a gap, never found', async () => {
    const conn = batched({ ...base(), write: { run: never }, read: { run: async () => undefined as never } });
    const [out] = await conn.readStock([r('a', '1')]);
    expect(out.status === 'failed' && out.error).toBeInstanceOf(Transient);
  });
});

describe('batched: errors thrown by a call', () => {
  it('one that does not stop the work fails that batch only (through mapError, given the key); the others go on', async () => {
    const refused = new Rejected('refused');
    const mapped = new NotFound('mapped');
    const mapError = jest.fn(() => mapped);
    const conn = batched({
      ...base(),
      write: {
        groupBy: (i) => i.input.externalProductId,
        mapError,
        run: async (_batch, key) => {
          if (key === 'a') throw refused;
        },
      },
      read: {
        run: async () => {
          throw refused;
        },
      },
    });
    const out = await conn.writeStock([w('a', '1'), w('b', '2')]);
    expect(out).toEqual([{ ...r('a', '1'), status: 'failed', error: mapped }, written(r('b', '2'))]);
    expect(mapError).toHaveBeenCalledWith(refused, [expect.objectContaining({ input: w('a', '1') })], 'a');
    expect(await conn.readStock([r('a', '1')])).toEqual([{ ...r('a', '1'), status: 'failed', error: refused }]);
  });

  it.each([
    ['AuthError', new AuthError('revoked')],
    ['RateLimited', new RateLimited('slow down', 1000)],
    ['Transient', new Transient('down')],
  ])('%s stops the work: later batches are not sent, every unanswered input fails with it, logged once', async (_name, stop) => {
    const log = recordingLog();
    const keys: string[] = [];
    const run = async (_batch: unknown, key: string) => {
      keys.push(key);
      if (key === 'b') throw stop;
    };
    const conn = batched({
      ...base(log),
      write: { groupBy: (i) => i.input.externalProductId, run },
      read: { groupBy: (i) => i.input.externalProductId, run: async (batch, key) => (await run(batch, key), [quantity(1)]) },
    });
    const out = await conn.writeStock([w('a', '1'), w('b', '2'), w('c', '3'), w('c', '4')]);
    expect(keys).toEqual(['a', 'b']);
    expect(out).toEqual([
      written(r('a', '1')),
      { ...r('b', '2'), status: 'failed', error: stop },
      { ...r('c', '3'), status: 'failed', error: stop },
      { ...r('c', '4'), status: 'failed', error: stop },
    ]);
    expect(log.lines).toEqual([['warn', 'acme: write stopped', { code: stop.code, message: stop.message }]]);
    const read = await conn.readStock([r('a', '1'), r('b', '2')]);
    expect(read[0]).toEqual({ ...r('a', '1'), status: 'found', stock: quantity(1) });
    expect(read[1]).toEqual({ ...r('b', '2'), status: 'failed', error: stop });
    expect(log.lines[1]).toEqual(['warn', 'acme: read stopped', { code: stop.code, message: stop.message }]);
  });

  it('a foreign throw (a bug) stops the work as Transient naming only the platform and the class', async () => {
    const conn = batched({
      ...base(),
      write: {
        run: async () => {
          throw new TypeError('https://x/?token=secret');
        },
      },
      read: { run: never },
    });
    const [out] = await conn.writeStock([w('a', '1')]);
    expect(out.status === 'failed' && out.error).toBeInstanceOf(Transient);
    expect(out.status === 'failed' && out.error.message).toBe('Unexpected failure talking to Acme (TypeError)');
  });

  it('StopTheWork ends the run with its cause (as a PluginError), even one that concerns a batch only', async () => {
    const log = recordingLog();
    const setting = new Rejected('no SKU collection');
    const keys: string[] = [];
    const conn = batched({
      ...base(log),
      write: {
        groupBy: (i) => i.input.externalProductId,
        run: async (_batch, key) => {
          keys.push(key);
          throw new StopTheWork(key === 'a' ? setting : new Error('bug'));
        },
      },
      read: { run: never },
    });
    const out = await conn.writeStock([w('a', '1'), w('b', '2')]);
    expect(keys).toEqual(['a']);
    expect(out.map((o) => o.status === 'failed' && o.error)).toEqual([setting, setting]);
    expect(log.lines).toEqual([['warn', 'acme: write stopped', { code: setting.code, message: 'no SKU collection' }]]);
    const [bug] = await conn.writeStock([w('b', '2')]);
    expect(bug.status === 'failed' && bug.error.message).toBe('Unexpected failure talking to Acme (Error)');
    expect(new StopTheWork(setting).name).toBe('StopTheWork');
  });

  it('StopTheWork keeps the answers its batch already has; the rest of it and every later batch fail with the cause', async () => {
    const log = recordingLog();
    const outage = new Transient('outage');
    const refused = new Rejected('refused');
    const keys: string[] = [];
    const conn = batched({
      ...base(log),
      write: {
        groupBy: (i) => i.input.externalProductId,
        skipInPlace: 'never',
        run: async (_batch, key) => {
          keys.push(key);
          throw new StopTheWork(outage, { answered: ['written', refused, undefined] });
        },
      },
      read: {
        run: async () => {
          throw new StopTheWork(new AuthError('revoked'), { answered: [quantity(2), undefined] });
        },
      },
    });
    const out = await conn.writeStock([w('a', '1'), w('a', '2'), w('a', '3'), w('b', '4'), w('a', '1')]);
    expect(keys).toEqual(['a']);
    expect(out).toEqual([
      written(r('a', '1')),
      { ...r('a', '2'), status: 'failed', error: refused },
      { ...r('a', '3'), status: 'failed', error: outage },
      { ...r('b', '4'), status: 'failed', error: outage },
      written(r('a', '1')),
    ]);
    expect(log.lines).toEqual([['warn', 'acme: write stopped', { code: outage.code, message: 'outage' }]]);
    const read = await conn.readStock([r('a', '1'), r('a', '2')]);
    expect(read[0]).toEqual({ ...r('a', '1'), status: 'found', stock: quantity(2) });
    expect(read[1].status === 'failed' && read[1].error.message).toBe('revoked');
  });

  it('StopTheWork answers not aligned with the batch, or of the wrong kind, are refused loudly: nothing of them kept', async () => {
    const log = recordingLog();
    const outage = new Transient('outage');
    const answers: unknown[][] = [['written'], ['written', 'written', 'written'], [quantity(1), undefined]];
    const conn = batched({
      ...base(log),
      write: {
        skipInPlace: 'never',
        run: async () => {
          throw new StopTheWork(outage, { answered: answers.shift() as [] });
        },
      },
      read: {
        run: async () => {
          throw new StopTheWork(outage, { answered: ['written', undefined] });
        },
      },
    });
    for (const [given, message] of [
      ['1 entries', 'Unexpected failure talking to Acme (RangeError)'],
      ['3 entries', 'Unexpected failure talking to Acme (RangeError)'],
      ['item 0', 'Unexpected failure talking to Acme (TypeError)'],
    ]) {
      log.lines.length = 0;
      const out = await conn.writeStock([w('a', '1'), w('a', '2')]);
      expect(out.map((o) => o.status === 'failed' && o.error.message)).toEqual([message, message]);
      expect(log.lines[0]).toEqual([
        'error',
        'acme: write stop refused (a bug in the plugin)',
        { message: expect.stringContaining(given) },
      ]);
    }
    log.lines.length = 0;
    const read = await conn.readStock([r('a', '1'), r('a', '2')]);
    expect(read.every((o) => o.status === 'failed' && o.error.message === 'Unexpected failure talking to Acme (TypeError)')).toBe(true);
    expect(log.lines[0]).toEqual([
      'error',
      'acme: read stop refused (a bug in the plugin)',
      { message: expect.stringContaining('read batch') },
    ]);
  });

  it('splitWhen halves a refused batch until it passes or stands alone; a single item is never split', async () => {
    const tooLarge = new Rejected('too large');
    const sizes: number[] = [];
    const splitWhen = jest.fn((e: unknown) => e === tooLarge);
    const conn = batched({
      ...base(),
      write: {
        splitWhen,
        run: async (batch) => {
          sizes.push(batch.length);
          if (batch.length > 2 || batch[0].input.externalVariantId === '5') throw tooLarge;
        },
      },
      read: { run: never },
    });
    const out = await conn.writeStock(['1', '2', '3', '4', '5'].map((v) => w('p', v)));
    expect(sizes).toEqual([5, 3, 2, 1, 2]);
    expect(out.map((o) => o.status)).toEqual(['written', 'written', 'written', 'written', 'written']);
    sizes.length = 0;
    const [alone] = await conn.writeStock([w('p', '5')]);
    expect(sizes).toEqual([1]);
    expect(alone).toEqual({ ...r('p', '5'), status: 'failed', error: tooLarge });
  });

  it('splitWhen is asked only about errors that do not stop the work, and a refusal it declines fails the batch', async () => {
    const splitWhen = jest.fn(() => false);
    const refused = new Rejected('no');
    const conn = batched({
      ...base(),
      write: {
        splitWhen,
        run: async () => {
          throw refused;
        },
      },
      read: { run: never },
    });
    expect((await conn.writeStock([w('p', '1'), w('p', '2')])).map((o) => o.status === 'failed' && o.error)).toEqual([refused, refused]);
    expect(splitWhen).toHaveBeenCalledTimes(1);
  });
});

describe('batched: concurrency', () => {
  it('keeps at most `concurrency` calls in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const conn = batched({
      ...base(),
      write: {
        maxBatch: 1,
        concurrency: 3,
        run: async () => {
          most = Math.max(most, ++inFlight);
          await tick();
          inFlight--;
        },
      },
      read: { run: never },
    });
    const out = await conn.writeStock(['1', '2', '3', '4', '5', '6'].map((v) => w('p', v)));
    expect(out.every((o) => o.status === 'written')).toBe(true);
    expect(most).toBe(3);
  });

  it('one after another by default', async () => {
    let inFlight = 0;
    let most = 0;
    const conn = batched({
      ...base(),
      write: {
        maxBatch: 1,
        run: async () => {
          most = Math.max(most, ++inFlight);
          await tick();
          inFlight--;
        },
      },
      read: { run: never },
    });
    await conn.writeStock(['1', '2', '3'].map((v) => w('p', v)));
    expect(most).toBe(1);
  });

  it('firstAlone sends the first call alone, then the rest `concurrency` at a time; a stop in it sends nothing more', async () => {
    let inFlight = 0;
    let most = 0;
    const events: string[] = [];
    let revoked = false;
    const conn = batched({
      ...base(),
      write: {
        maxBatch: 1,
        concurrency: 2,
        firstAlone: true,
        run: async ([item]) => {
          const v = item.input.externalVariantId;
          events.push(`start ${v}`);
          if (revoked) throw new AuthError('revoked');
          most = Math.max(most, ++inFlight);
          await tick();
          inFlight--;
          events.push(`end ${v}`);
        },
      },
      read: { run: never },
    });
    const out = await conn.writeStock(['1', '2', '3', '4', '5'].map((v) => w('p', v)));
    expect(out.every((o) => o.status === 'written')).toBe(true);
    expect(events.slice(0, 3)).toEqual(['start 1', 'end 1', 'start 2']);
    expect(most).toBe(2);
    revoked = true;
    events.length = 0;
    const stopped = await conn.writeStock(['1', '2', '3'].map((v) => w('p', v)));
    expect(events).toEqual(['start 1']);
    expect(stopped.map((o) => o.status === 'failed' && o.error.message)).toEqual(['revoked', 'revoked', 'revoked']);
  });

  it('a stop keeps the answers of calls already in flight and fills only the rest', async () => {
    const stop = new AuthError('revoked');
    const conn = batched({
      ...base(),
      write: {
        maxBatch: 1,
        concurrency: 2,
        run: async ([item]) => {
          if (item.input.externalVariantId === '1') throw stop;
          await tick();
          return [new NotFound(`gone ${item.input.externalVariantId}`)];
        },
      },
      read: { run: never },
    });
    const out = await conn.writeStock(['1', '2', '3'].map((v) => w('p', v)));
    expect(out.map((o) => o.status === 'failed' && o.error.message)).toEqual(['revoked', 'gone 2', 'revoked']);
  });
});

describe('perVariant', () => {
  it('one call per variant; each write in place saved (with `same`); returned errors fail that variant only', async () => {
    const sent: string[] = [];
    const gone = new NotFound('gone');
    const conn = perVariant({
      ...base(),
      same: (a, b) => a.kind === b.kind,
      write: async (item) => {
        sent.push(item.input.externalVariantId);
        if (item.input.externalVariantId === '3') return gone;
      },
      read: never,
    });
    const out = await conn.writeStock([w('p', '1', quantity(2), quantity(7)), w('p', '2', quantity(2), OUT_OF_STOCK), w('p', '3')]);
    expect(sent).toEqual(['2', '3']);
    expect(out).toEqual([written(r('p', '1')), written(r('p', '2')), { ...r('p', '3'), status: 'failed', error: gone }]);
  });

  it('reads one variant per call: stock or error; a thrown error goes through mapError with the item; a stop fills the rest', async () => {
    const refused = new Rejected('refused');
    const stop = new RateLimited('slow', 1000);
    const conn = perVariant({
      ...base(),
      mapError: (error, item) => new NotFound(`${error.message} ${item.input.externalVariantId}`),
      write: async () => {
        throw refused;
      },
      read: async (item) => {
        const v = item.input.externalVariantId;
        if (v === '2') return refused;
        if (v === '3') throw refused;
        if (v === '4') throw stop;
        return quantity(Number(v));
      },
    });
    const out = await conn.readStock(['1', '2', '3', '4', '5'].map((v) => r('p', v)));
    expect(out.map((o) => (o.status === 'found' ? o.stock : o.error.message))).toEqual([
      quantity(1),
      'refused',
      'refused 3',
      'slow',
      'slow',
    ]);
    const [wr] = await conn.writeStock([w('p', '9')]);
    expect(wr.status === 'failed' && wr.error.message).toBe('refused 9');
  });

  it('without mapError a thrown refusal fails the variant as is; concurrency bounds the calls in flight', async () => {
    const refused = new Rejected('refused');
    let inFlight = 0;
    let most = 0;
    const conn = perVariant({
      ...base(),
      concurrency: 2,
      write: async () => {
        most = Math.max(most, ++inFlight);
        await tick();
        inFlight--;
        throw refused;
      },
      read: never,
    });
    const out = await conn.writeStock(['1', '2', '3', '4'].map((v) => w('p', v)));
    expect(out.every((o) => o.status === 'failed' && o.error === refused)).toBe(true);
    expect(most).toBe(2);
  });
});
