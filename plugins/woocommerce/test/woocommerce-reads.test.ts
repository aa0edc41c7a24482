/** readStock against the simulator: one call per product per 100 variations, missing → NotFound. */
import { useSimulator } from '@stock-sync/plugin-testkit/contract';
import { outcomeNames } from '@stock-sync/plugin-testkit/fixtures';
import { call, connect, product, refsOf, startWooSimulator } from './support/store';

const sim = useSimulator(startWooSimulator);

it('reads each state back in its neutral form, in input order', async () => {
  sim.seed([
    {
      productId: '100',
      variants: [
        { variantId: '1', initial: { kind: 'unlimited' } },
        { variantId: '2', initial: { kind: 'out_of_stock' } },
      ],
    },
    { productId: '200', variants: [{ variantId: '3', initial: { kind: 'quantity', quantity: 9 } }] },
  ]);
  const refs = [
    { externalProductId: '200', externalVariantId: '3' },
    { externalProductId: '100', externalVariantId: '2' },
    { externalProductId: '100', externalVariantId: '1' },
  ];
  const out = await connect(sim).readStock(refs);
  expect(out).toEqual([
    { ...refs[0], status: 'found', stock: { kind: 'quantity', quantity: 9 } },
    { ...refs[1], status: 'found', stock: { kind: 'out_of_stock' } },
    { ...refs[2], status: 'found', stock: { kind: 'unlimited' } },
  ]);
  expect(sim.requests).toHaveLength(2);
  expect(sim.requests.every((r) => r.method === 'GET' && /\/products\/\d+\/variations$/.test(r.path))).toBe(true);
});

it('pages 230 variations of one product in three calls', async () => {
  const p = product(100, 1, 230, { kind: 'out_of_stock' });
  sim.seed([p]);
  const out = await connect(sim).readStock(refsOf(p));
  expect(out.every((o) => o.status === 'found')).toBe(true);
  expect(sim.requests).toHaveLength(3);
});

it('reports a deleted variation, and one under the wrong product, as NotFound', async () => {
  const p = product(100, 1, 3);
  sim.seed([p, product(200, 50, 1)]);
  sim.faults.deleteVariant(refsOf(p)[0]);
  const out = await connect(sim).readStock([...refsOf(p), { externalProductId: '100', externalVariantId: '50' }]);
  expect(outcomeNames(out)).toEqual(['NotFound', 'found', 'found', 'NotFound']);
});

it('reads a variation that inherits the parent\'s stock ("parent") as the parent\'s count', async () => {
  const p = product(100, 1, 1);
  sim.seed([p]);
  await call(sim, 'POST', '/wp-json/wc/v3/products/batch', { update: [{ id: 100, manage_stock: true, stock_quantity: 12 }] });
  const raw = await call(sim, 'GET', '/wp-json/wc/v3/products/100/variations/1');
  expect(raw.body).toMatchObject({ manage_stock: 'parent', stock_quantity: 12, stock_status: 'instock' });
  const out = await connect(sim).readStock(refsOf(p));
  expect(out[0]).toMatchObject({ status: 'found', stock: { kind: 'quantity', quantity: 12 } });
});
