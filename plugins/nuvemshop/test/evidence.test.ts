/**
 * Nuvemshop / Tiendanube's own documents (test/evidence/*.json, each with its public URL) held against the
 * plugin's parsing and against the simulator: the same field names, types and status codes. The platform
 * publishes no OpenAPI document for these resources, so there is no schema validation here.
 */
import * as path from 'node:path';
import { quantity as Q, Rejected, RateLimited } from '@stock-sync/plugin-api';
import { useSimulator } from '@stock-sync/plugin-testkit/contract';
import { evidence, expectDocumentedAnswer, expectSameShape, loadEvidenceDir, requestTarget } from '@stock-sync/plugin-testkit/evidence';
import { platformDescription } from '../src/connection';
import { classifyNuvemshopResponse } from '../src/nuvemshop-api';
import type { NuvemVariantStock } from '../src/stock-mapping';
import { stockAt, toVariantPatch } from '../src/stock-mapping';
import { apiPath, call, startNuvemSimulator } from './support/store';

const DIR = path.join(__dirname, 'evidence');
const ev = (name: string) => evidence(DIR, name);
const LOCATION = '01GQ2ZHK064BQRHGDB7CCV0Y6N';

it('every evidence file names a public source and a date', () => {
  expect(loadEvidenceDir(DIR).length).toBeGreaterThanOrEqual(8);
});

describe('parsing the documented answers (no simulator)', () => {
  it('reads the documented variants, with and without multi-inventory', () => {
    const [plain] = ev('variants-get').response!.body as NuvemVariantStock[];
    expect(stockAt(plain, undefined)).toEqual({ stock: Q(5) });
    const [multi] = ev('variants-get-multi-inventory').response!.body as NuvemVariantStock[];
    expect(stockAt(multi, LOCATION)).toEqual({ stock: Q(5) });
    expect(stockAt(multi, undefined)).toEqual({ stock: Q(5) }); // one level: stock is that level
    expect(stockAt({ ...multi, inventory_levels: [...multi.inventory_levels!, { location_id: 'X', stock: 2 }] }, undefined)).toHaveProperty(
      'problem',
    );
    const [untracked] = ev('variants-patch').response!.body as NuvemVariantStock[];
    expect(stockAt(untracked, undefined)).toEqual({ stock: { kind: 'unlimited' } });
  });

  it('writes a location count in the documented inventory_levels form', () => {
    const documented = ev('variant-put-inventory-levels').request!.body;
    const { id, ...element } = toVariantPatch(112, Q(5), LOCATION) as { id: number };
    expect(id).toBe(112);
    expectSameShape(element, documented, 'variant-put-inventory-levels', { closed: true });
  });

  it('reads the description of documented 422 answers', () => {
    for (const name of ['variants-patch-422-duplicates', 'variants-422-validation']) {
      const r = ev(name).response!;
      const e = new Rejected('x', { status: r.status, body: JSON.stringify(r.body) });
      expect(platformDescription(e)).toBe((r.body as { description: string }).description);
    }
  });

  it('reads the documented 429 as RateLimited for x-rate-limit-reset ms', () => {
    const r = ev('rate-limited-429').response!;
    const v = classifyNuvemshopResponse({ status: r.status, headers: r.headers!, data: undefined });
    expect(v?.error).toBeInstanceOf(RateLimited);
    expect((v?.error as RateLimited).retryAfterMs).toBe(20000);
  });
});

describe('the simulator answers the documented requests in the documented shape', () => {
  const sim = useSimulator(async () => {
    const sim = await startNuvemSimulator();
    sim.seed([
      {
        productId: '1234',
        variants: [
          { variantId: '143', initial: { kind: 'unlimited' } },
          { variantId: '112', initial: Q(5) },
        ],
      },
    ]);
    return sim;
  });
  const send = (name: string) => {
    const request = ev(name).request!;
    return call(sim, request.method, apiPath(sim, requestTarget(request)), request.body);
  };

  /**
   * Fields the documents themselves show as null in other examples of the same resource (promotional_price, sku,
   * mpn, age_group, gender; stock "will be null" when untracked), and `values[]` whose keys are the store's
   * languages (en in the examples, es in the simulated store).
   */
  const variantOpts = {
    nullable: ['$[].promotional_price', '$[].stock', '$[].sku', '$[].mpn', '$[].age_group', '$[].gender', '$[].inventory_levels[].stock'],
    ignore: ['$[].values[].en', '$[].cost'],
  };
  it.each([
    ['variants-get', variantOpts],
    // cost: a newer optional field the simulator does not model (the plugin never reads it).
    ['variants-get-multi-inventory', variantOpts],
    ['variants-patch', variantOpts],
    ['locations-get', {}],
    // name: one key per store language (en/es/pt in the document, es in the simulated store).
    ['products-get-fields', { ignore: ['$[].name.en', '$[].name.pt'] }],
    ['variants-patch-422-duplicates', { ignore: [] }],
    // The document's example also fails "price"; the request here sends only a bad stock.
    ['variants-422-validation', { ignore: ['$.price'] }],
  ])('%s', async (name, opts) => {
    expectDocumentedAnswer(await send(name), ev(name), opts);
  });

  it('variant-put-inventory-levels: the documented form sets that location', async () => {
    const res = await send('variant-put-inventory-levels');
    expect(res.status).toBe(200);
    expect(res.body.inventory_levels).toEqual([{ location_id: LOCATION, stock: 5 }]);
  });

  it('rate-limited-429: the documented headers', async () => {
    sim.faults.rateLimit(1, 1);
    const res = await call(sim, 'GET', apiPath(sim, '/products'));
    expect(res.status).toBe(429);
    for (const h of Object.keys(ev('rate-limited-429').response!.headers!)) expect(res.headers.get(h)).toMatch(/^\d+$/);
  });
});
