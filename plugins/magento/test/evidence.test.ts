/**
 * Magento's own documents (test/evidence/*.json, each with its public URL) held against the plugin's parsing
 * and against the simulator: the same field names, types and status codes, and for success answers the
 * official admin schema's response definitions.
 */
import * as path from 'node:path';
import { AuthError, NotFound, Rejected, quantity } from '@stock-sync/plugin-api';
import { useSimulator } from '@stock-sync/plugin-testkit/contract';
import { evidence, expectDocumentedAnswer, loadEvidenceDir, requestTarget } from '@stock-sync/plugin-testkit/evidence';
import { loadOpenApiSpec, openApiResponseValidator } from '@stock-sync/plugin-testkit/openapi';
import {
  classifyMagentoResponse,
  DEFAULT_INPUT_LIST_LIMIT,
  inputListLimitOf,
  isNoRoute,
  magentoErrorBody,
  modeFromSourceError,
  renderMessage,
} from '../src/magento-api';
import { fromLegacyStockItem, fromMagento } from '../src/stock-mapping';
import { MAGENTO_SPEC_FILE } from '../src/simulator/spec-validators';
import { startSimulator } from '@stock-sync/plugin-testkit/simulator';
import { simulator } from '../src/simulator';
import { call, type MagentoSim } from './support/store';

const DIR = path.join(__dirname, 'evidence');
const ev = (name: string) => evidence(DIR, name);
/** How the SDK client hands a refused call to a plugin: the status and a redacted body snippet. */
const sdkError = (name: string) => {
  const r = ev(name).response!;
  const details = { status: r.status, body: JSON.stringify(r.body) };
  return r.status === 404 ? new NotFound('found nothing', details) : new Rejected('refused', details);
};

it('every evidence file names a public source and a date', () => {
  expect(loadEvidenceDir(DIR).length).toBeGreaterThanOrEqual(10);
});

describe('parsing the documented answers (no simulator)', () => {
  it('reads a documented stock item and source item into the neutral stock', () => {
    const item = ev('stock-item-get').response!.body as never;
    const src = (ev('source-items-search').response!.body as { items: never[] }).items[0];
    expect(fromMagento(item, src)).toEqual(quantity(100));
    expect(fromLegacyStockItem(item)).toEqual(quantity(100));
    expect(fromLegacyStockItem({ ...(item as object), manage_stock: false } as never)).toEqual({ kind: 'unlimited' });
    expect(fromLegacyStockItem({ ...(item as object), is_in_stock: false } as never)).toEqual({ kind: 'out_of_stock' });
  });

  it('reads the input-limit refusal as the limit it names', () => {
    expect(inputListLimitOf(sdkError('error-input-limit'))).toBe(20);
    expect(DEFAULT_INPUT_LIST_LIMIT).toBe(20);
    // Any other 400 is not the limit.
    expect(inputListLimitOf(new Rejected('x', { status: 400, body: JSON.stringify({ message: 'Validation Failed' }) }))).toBeUndefined();
  });

  it('tells MSI absent (no route) from an unknown source', () => {
    expect(isNoRoute(sdkError('error-no-route'))).toBe(true);
    expect(modeFromSourceError(sdkError('error-no-route'), 'default')).toBe('legacy');
    const unknown = modeFromSourceError(sdkError('error-unknown-source'), 'nowhere');
    expect(unknown).toBeInstanceOf(AuthError);
    expect((unknown as Error).message).toContain('nowhere');
  });

  it('renders documented messages with their parameters and maps the ACL refusal to AuthError', () => {
    expect(renderMessage(magentoErrorBody(ev('error-unknown-skus').response!.body))).toBe(
      'Following products with requested skus were not found: X-1, X-2',
    );
    const r = ev('error-unauthorized').response!;
    const v = classifyMagentoResponse({ status: r.status, headers: {}, data: r.body });
    expect(v?.error).toBeInstanceOf(AuthError);
    expect(v?.error?.message).toContain('Magento_InventoryApi::source');
  });
});

describe('the simulator answers the documented requests in the documented shape', () => {
  const spec = loadOpenApiSpec(MAGENTO_SPEC_FILE);
  const sim = useSimulator(async (): Promise<MagentoSim> => {
    const sim = await startSimulator(simulator);
    sim.seed([
      {
        productId: 'BAG',
        variants: [
          { variantId: '24-WB01', initial: quantity(100) },
          { variantId: '24-WB03', initial: quantity(100) },
        ],
      },
    ]);
    sim.state.sources.add('baltimore_wh');
    sim.state.sources.add('austin_wh');
    return sim;
  });

  const send = (name: string) => {
    const request = ev(name).request!;
    return call(sim, request.method, requestTarget(request), request.body);
  };
  /**
   * The generated schema types error-response.parameters as an array, but Magento answers named placeholders
   * (%resources, %value, %max) as a JSON object, as its own documents show
   * (https://developer.adobe.com/commerce/webapi/get-started/gs-web-api-response/): error bodies are checked
   * against the schema without their named parameters.
   */
  const withoutNamedParameters = (body: { parameters?: unknown }) =>
    body && typeof body.parameters === 'object' && !Array.isArray(body.parameters) ? { ...body, parameters: undefined } : body;
  const schemaCheck = (method: string, template: string, status: number, body: unknown) => {
    const result = openApiResponseValidator(spec, method, template, status)(body);
    expect(result).toEqual({ ok: true });
  };

  it.each([
    ['source-items-save', 'POST', '/V1/inventory/source-items'],
    ['source-items-search', 'GET', '/V1/inventory/source-items'],
    ['source-get', 'GET', '/V1/inventory/sources/{sourceCode}'],
    ['stock-item-get', 'GET', '/V1/stockItems/{productSku}'],
    ['stock-item-put', 'PUT', '/V1/products/{productSku}/stockItems/{itemId}'],
    ['stock-items-low-stock', 'GET', '/V1/stockItems/lowStock/'],
  ])('%s', async (name, method, template) => {
    const doc = ev(name).response!;
    const res = await send(name);
    expectDocumentedAnswer(res, ev(name), { nullable: ['$.low_stock_date'] });
    // The schema declares no 200 body for the source-items save (a void service method).
    if (name === 'source-items-save') return;
    // low_stock_date: Magento answers null where the generated schema says string (README "Simulator").
    const lowStockDateAsString = (item: Record<string, unknown>) => ({ ...item, low_stock_date: item.low_stock_date ?? '' });
    const forSchema =
      name === 'stock-item-get'
        ? lowStockDateAsString(res.body)
        : name === 'stock-items-low-stock'
          ? { ...res.body, items: res.body.items.map(lowStockDateAsString) }
          : res.body;
    schemaCheck(method, template, doc.status, forSchema);
  });

  it('error-input-limit: a list longer than the store limit is refused whole with the documented body', async () => {
    sim.state.inputListLimit = 20;
    const items = Array.from({ length: 21 }, () => ({ sku: '24-WB01', source_code: 'default', quantity: 1, status: 1 }));
    const res = await call(sim, 'POST', '/rest/default/V1/inventory/source-items', { sourceItems: items });
    const doc = ev('error-input-limit').response!;
    expectDocumentedAnswer(res, ev('error-input-limit'), { closed: true });
    expect(res.body.message).toBe((doc.body as { message: string }).message);
    schemaCheck('POST', '/V1/inventory/source-items', 400, JSON.parse(JSON.stringify(withoutNamedParameters(res.body))));
  });

  it('error-product-not-found: a stock item of an unknown SKU', async () => {
    const doc = ev('error-product-not-found').response!;
    const res = await send('error-product-not-found');
    expectDocumentedAnswer(res, ev('error-product-not-found'), { closed: true });
    expect(res.body.message).toBe((doc.body as { message: string }).message);
    schemaCheck('GET', '/V1/stockItems/{productSku}', 404, res.body);
  });

  it.each([['error-no-route'], ['error-unknown-source'], ['error-unauthorized']])('%s', async (name) => {
    if (name === 'error-no-route') sim.state.msi = false;
    const doc = ev(name).response!;
    const { request } = ev(name);
    const res = await call(
      sim,
      request!.method,
      request!.path,
      undefined,
      name === 'error-unauthorized' ? null : sim.credentials.accessToken,
    );
    expectDocumentedAnswer(res, ev(name), { closed: true });
    expect(res.body.message).toBe((doc.body as { message: string }).message);
    schemaCheck('GET', '/V1/inventory/sources/{sourceCode}', res.status, JSON.parse(JSON.stringify(withoutNamedParameters(res.body))));
  });

  it('error-unknown-skus: the whole save is refused 404 with the documented message', async () => {
    const res = await call(sim, 'POST', '/rest/default/V1/inventory/source-items', {
      sourceItems: [{ sku: 'X-1', source_code: 'default', quantity: 1, status: 1 }],
    });
    expectDocumentedAnswer(res, ev('error-unknown-skus'), { closed: true });
  });

  it('throttled: 429 with the documented body', async () => {
    sim.faults.rateLimit(1, 1);
    const res = await send('throttled');
    expectDocumentedAnswer(res, ev('throttled'), { closed: true });
  });
});
