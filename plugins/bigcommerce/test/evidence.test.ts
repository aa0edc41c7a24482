/**
 * BigCommerce's own documents (test/evidence/*.json, each with its public URL) held against the plugin's parsing
 * and against the simulator: the same field names, types and status codes, and, where BigCommerce publishes an
 * OpenAPI document (spec/), the simulator's answers validated against its response schemas.
 */
import * as path from 'node:path';
import { AuthError } from '@stock-sync/plugin-api';
import { useSimulator } from '@stock-sync/plugin-testkit/contract';
import { evidence, expectDocumentedAnswer, loadEvidenceDir, requestTarget } from '@stock-sync/plugin-testkit/evidence';
import { loadOpenApiSpec, openApiResponseValidator } from '@stock-sync/plugin-testkit/openapi';
import { classifyBcResponse, describeBcError, hasNextPage } from '../src/bc-api';
import type { BcCollection, BcLocationItem, BcProductStock } from '../src/bc-types';
import { onHandByVariant } from '../src/connection';
import { RecentWrites } from '../src/recent-writes';
import { fromBcStock } from '../src/stock-mapping';
import { SPEC_DIR } from '../src/simulator/spec-validators';
import { call, Q, startBcSimulator } from './support/store';

const DIR = path.join(__dirname, 'evidence');
const ev = (name: string) => evidence(DIR, name);

it('every evidence file names a public source and a date', () => {
  expect(loadEvidenceDir(DIR).length).toBeGreaterThanOrEqual(10);
});

describe('parsing the documented answers (no simulator)', () => {
  it('reads a documented product with its variant into the neutral stock', () => {
    const p = (ev('catalog-products-get').response!.body as BcCollection<BcProductStock>).data[0];
    expect(fromBcStock(p, p.variants![0])).toEqual(Q(12));
    expect(fromBcStock({ ...p, inventory_tracking: 'none' }, p.variants![0])).toEqual({ kind: 'unlimited' });
    expect(fromBcStock(p, { ...p.variants![0], purchasing_disabled: true })).toEqual({ kind: 'out_of_stock' });
  });

  it("reads a location's on-hand count per variant and follows its pagination", () => {
    const body = ev('inventory-location-items').response!.body as BcCollection<BcLocationItem>;
    expect(onHandByVariant(body.data)).toEqual(new Map([[78, 12]]));
    expect(hasNextPage(body)).toBe(true);
    expect(hasNextPage(ev('catalog-products-get').response!.body as BcCollection<unknown>)).toBe(false);
  });

  it('describes documented errors with their title, and reads 401 as AuthError', () => {
    expect(describeBcError(ev('inventory-absolute-422').response!.body)).toContain(
      'is tracked by product, please update stock by product id',
    );
    expect(describeBcError(ev('catalog-variants-413').response!.body)).toContain('maximum items allowed in the array is 50');
    const r = ev('unauthorized-401').response!;
    expect(classifyBcResponse({ status: r.status, headers: {}, data: r.body })?.error).toBeInstanceOf(AuthError);
  });

  it('treats only the earlier count as unsettled within the window', () => {
    let t = 0;
    const w = new RecentWrites(1_000, () => t);
    w.record('k', 9, 5);
    expect(w.unsettled('k', 5)).toMatchObject({ quantity: 9, before: 5 });
    expect(w.unsettled('k', 9)).toBeUndefined();
    expect(w.unsettled('k', 4)).toBeUndefined();
    t = 1_001;
    expect(w.unsettled('k', 5)).toBeUndefined();
  });
});

describe('the simulator answers the documented requests in the documented shape', () => {
  const catalog = loadOpenApiSpec(path.join(SPEC_DIR, 'bigcommerce-catalog-variants.v3.yml'));
  const inventory = loadOpenApiSpec(path.join(SPEC_DIR, 'bigcommerce-inventory.v3.yml'));
  const sim = useSimulator(async () => {
    const sim = await startBcSimulator();
    sim.seed([
      { productId: '111', variants: [{ variantId: '382', sku: 'SMIT-BLA-S', initial: Q(12) }] },
      { productId: '130', variants: [{ variantId: '78', sku: 'RE-130', initial: Q(12) }] },
      { productId: '10', variants: [{ variantId: '1', initial: Q(3) }] },
      { productId: '105', variants: [{ variantId: '106', initial: Q(3) }] },
    ]);
    sim.state.products.get(105)!.inventoryTracking = 'product';
    return sim;
  });

  const send = (name: string, body?: unknown, token?: string | null) => {
    const request = ev(name).request!;
    return call(sim, request.method, requestTarget(request).replace('{store_hash}', 'simstore1'), body ?? request.body, token);
  };
  const valid = (spec: typeof catalog, method: string, template: string, status: number, body: unknown) =>
    expect(openApiResponseValidator(spec, method, template, status)(body)).toEqual({ ok: true });

  it.each(['catalog-products-get', 'catalog-products-put'])('%s', async (name) => {
    const res = await send(name);
    expectDocumentedAnswer(res, ev(name));
  });

  it('catalog-variants-put (and the official response schema)', async () => {
    const res = await send('catalog-variants-put');
    expectDocumentedAnswer(res, ev('catalog-variants-put'));
    // The spec marks price, sale_price, retail_price … `x-nullable: true` (its own extension, which an OpenAPI 3
    // validator does not read); BigCommerce answers null there for a variant that inherits the product's price.
    const nullableInSpec =
      JSON.stringify(catalog)
        .match(/"(\w+)":\{[^{}]*"x-nullable":true/g)
        ?.map((m) => m.slice(1, m.indexOf('"', 1))) ?? [];
    const withoutNulls = {
      ...res.body,
      data: res.body.data.map((v: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(v).filter(([k, x]) => !(x === null && nullableInSpec.includes(k)))),
      ),
    };
    expect(nullableInSpec).toEqual(expect.arrayContaining(['price', 'sale_price', 'retail_price']));
    valid(catalog, 'PUT', '/catalog/variants', 200, withoutNulls);
  });

  it('catalog-variants-413: more than 50 variants', async () => {
    const doc = ev('catalog-variants-413').response!;
    const res = await send(
      'catalog-variants-413',
      Array.from({ length: 51 }, () => ({ id: 382, purchasing_disabled: true })),
    );
    expectDocumentedAnswer(res, ev('catalog-variants-413'), { closed: true });
    expect(res.body.title).toBe((doc.body as { title: string }).title);
  });

  it('inventory-absolute (and the official response schema)', async () => {
    const res = await send('inventory-absolute');
    expectDocumentedAnswer(res, ev('inventory-absolute'), { closed: true });
    valid(inventory, 'PUT', '/inventory/adjustments/absolute', 200, res.body);
  });

  it('inventory-absolute-422: a variant of a product tracked by product', async () => {
    const doc = ev('inventory-absolute-422').response!;
    const res = await send('inventory-absolute-422');
    expectDocumentedAnswer(res, ev('inventory-absolute-422'), { closed: true });
    expect(res.body.title).toBe((doc.body as { title: string }).title);
    valid(inventory, 'PUT', '/inventory/adjustments/absolute', 422, res.body);
  });

  it('inventory-location-items (and the official response schema)', async () => {
    const res = await send('inventory-location-items');
    expectDocumentedAnswer(res, ev('inventory-location-items'), { ignore: ['$.meta.pagination.links.next'] });
    expect(res.body.data).toHaveLength(1);
    valid(inventory, 'GET', '/inventory/locations/{location_id}/items', 200, res.body);
  });

  it('inventory-location-items-404: an unknown location', async () => {
    const res = await send('inventory-location-items-404');
    expectDocumentedAnswer(res, ev('inventory-location-items-404'), { closed: true });
    valid(inventory, 'GET', '/inventory/locations/{location_id}/items', 404, res.body);
  });

  it('rate-limited-429: the documented headers, the wait in X-Rate-Limit-Time-Reset-Ms', async () => {
    sim.faults.rateLimit(1, 15);
    const doc = ev('rate-limited-429').response!;
    const res = await send('rate-limited-429');
    expect(res.status).toBe(doc.status);
    for (const h of Object.keys(doc.headers!)) expect(res.headers.get(h)).toMatch(/^\d+$/);
    expect(res.headers.get('x-rate-limit-time-reset-ms')).toBe('15000');
  });

  it('unauthorized-401', async () => {
    const res = await send('unauthorized-401', undefined, 'bc_wrong');
    expectDocumentedAnswer(res, ev('unauthorized-401'), { closed: true });
  });
});
