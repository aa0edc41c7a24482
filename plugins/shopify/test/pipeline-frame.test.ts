/**
 * The connection on the SDK's batched pipeline: a variant's GID and its numeric legacy id are one variant;
 * reads go in READ_CHUNK batches; a write run is one plan, and a call that stops it late leaves the variants
 * earlier calls wrote as written.
 */
import { AuthError } from '@stock-sync/plugin-api';
import type { TargetStock } from '@stock-sync/plugin-api';
import { READ_CHUNK } from '../src/documents';
import { MAX_INPUT_ARRAY } from '../src/manifest';
import { variantGid } from '../src/simulator/state';
import { catalog, refOf, startHarness, type Harness } from './support';

const qty = (n: number): TargetStock => ({ kind: 'quantity', quantity: n });

describe('one variant, two spellings of its id', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(catalog(1, 2, qty(5)));
  });
  afterEach(() => h.close());

  it('a write names it once (the last target), and both inputs get an outcome', async () => {
    const numeric = refOf('8000', '40000');
    const gid = refOf('8000', variantGid('40000'));
    const out = await h.connection.writeStock([
      { ...numeric, target: qty(3) },
      { ...gid, target: qty(4) },
    ]);
    expect(out.map((o) => [o.externalVariantId, o.status])).toEqual([
      ['40000', 'written'],
      [variantGid('40000'), 'written'],
    ]);
    expect(h.sim.stock(numeric)).toEqual(qty(4));
    expect(h.sim.requests).toHaveLength(2); // one read, one inventorySetQuantities
  });

  it('a read names it once', async () => {
    const out = await h.connection.readStock([refOf('8000', '40000'), refOf('8000', variantGid('40000'))]);
    expect(out.map((o) => o.status === 'found' && o.stock)).toEqual([qty(5), qty(5)]);
    expect(h.sim.requests).toHaveLength(1);
  });
});

describe('batches and the stop rule', () => {
  const products = Math.ceil((MAX_INPUT_ARRAY + 2) / 2);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(catalog(products, 2, qty(5)));
  });
  afterEach(() => h.close());
  const refs = () => catalog(products, 2).flatMap((p) => p.variants.map((v) => refOf(p.productId, v.variantId)));

  it(`reads ${2 * products} variants in calls of READ_CHUNK`, async () => {
    const out = await h.connection.readStock(refs());
    expect(out.every((o) => o.status === 'found')).toBe(true);
    expect(h.sim.requests).toHaveLength(Math.ceil((2 * products) / READ_CHUNK));
  });

  it('a token revoked after the first quantity call: its variants stay written, the rest fail AuthError', async () => {
    h.sim.state.hooks.beforeInventorySet = () => h.sim.faults.revokeCredentials();
    const out = await h.connection.writeStock(refs().map((r) => ({ ...r, target: qty(6) })));
    expect(out.slice(0, MAX_INPUT_ARRAY).every((o) => o.status === 'written')).toBe(true);
    const rest = out.slice(MAX_INPUT_ARRAY);
    expect(rest.length).toBeGreaterThan(0);
    for (const o of rest) expect(o.status === 'failed' && o.error).toBeInstanceOf(AuthError);
  });
});
