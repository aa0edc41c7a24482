import { useSimulator } from '@stock-sync/plugin-testkit/contract';
import { quantity } from '@stock-sync/plugin-api';
/** The Magento simulator answers as Magento does: ACL 401s, schema validation, verifyStock, legacy sync, searchCriteria. */
import { seedProduct } from '@stock-sync/plugin-testkit/fixtures';
import { startSimulator } from '@stock-sync/plugin-testkit/simulator';
import { simulator } from '../src/simulator';
import { call, type MagentoSim } from './support/store';

const sim = useSimulator(async (): Promise<MagentoSim> => {
  const sim = await startSimulator(simulator);
  sim.seed([seedProduct('TEE', 101, 2, quantity(5))]);
  return sim;
});

const V1 = '/rest/default/V1';

it('answers 401 naming the ACL resource without a valid token, and 404 for an unknown store code', async () => {
  const res = await call(sim, 'GET', `${V1}/stockItems/101`, undefined, null);
  expect(res.status).toBe(401);
  expect(res.body).toEqual({
    message: "The consumer isn't authorized to access %resources.",
    parameters: { resources: 'Magento_CatalogInventory::cataloginventory' },
  });
  expect((await call(sim, 'GET', '/rest/nostore/V1/stockItems/101')).status).toBe(404);
});

it('validates a stock-item PUT against the admin schema (the whole item is required)', async () => {
  const partial = await call(sim, 'PUT', `${V1}/products/101/stockItems/1`, { stockItem: { manage_stock: false } });
  expect(partial.status).toBe(400);
  expect(partial.body.errors.length).toBeGreaterThan(1);
  const full = (await call(sim, 'GET', `${V1}/stockItems/101`)).body;
  expect(full.low_stock_date).toBeNull();
  const ok = await call(sim, 'PUT', `${V1}/products/101/stockItems/${full.item_id}`, { stockItem: { ...full, qty: 0, is_in_stock: true } });
  expect(ok.status).toBe(200);
  expect(ok.body).toBe(full.item_id);
  // verifyStock: a managed item at or below min_qty is out of stock whatever was sent; the default source follows.
  expect(sim.state.stockItems.get('101')!.is_in_stock).toBe(false);
  expect(sim.state.sourceItems.get('101|default')).toEqual({ quantity: 0, status: 0 });
});

it('refuses source items with an unknown source or status (Validation Failed) and unknown SKUs (404), applying nothing', async () => {
  const bad = await call(sim, 'POST', `${V1}/inventory/source-items`, {
    sourceItems: [{ sku: '101', source_code: 'mars', quantity: 1, status: 3 }],
  });
  expect(bad.status).toBe(400);
  expect(bad.body.message).toBe('Validation Failed');
  expect(bad.body.errors).toHaveLength(2);
  const unknown = await call(sim, 'POST', `${V1}/inventory/source-items`, {
    sourceItems: [
      { sku: '101', source_code: 'default', quantity: 1, status: 1 },
      { sku: 'X', source_code: 'default', quantity: 1, status: 1 },
    ],
  });
  expect(unknown.status).toBe(404);
  expect(unknown.body).toEqual({ message: 'Following products with requested skus were not found: %1', parameters: ['X'] });
  const typed = await call(sim, 'POST', `${V1}/inventory/source-items`, {
    sourceItems: [{ sku: '101', source_code: 'default', quantity: 'lots', status: 1 }],
  });
  expect(typed.status).toBe(400);
  expect(sim.state.sourceItems.get('101|default')).toEqual({ quantity: 5, status: 1 });
});

it('filters source items with searchCriteria (groups ANDed, in/eq) and reports total_count', async () => {
  await call(sim, 'POST', `${V1}/inventory/source-items`, {
    sourceItems: [{ sku: '102', source_code: 'eu_warehouse', quantity: 8, status: 1 }],
  });
  const q = new URLSearchParams({
    'searchCriteria[filterGroups][0][filters][0][field]': 'sku',
    'searchCriteria[filterGroups][0][filters][0][value]': '101,102',
    'searchCriteria[filterGroups][0][filters][0][conditionType]': 'in',
    'searchCriteria[filterGroups][1][filters][0][field]': 'source_code',
    'searchCriteria[filterGroups][1][filters][0][value]': 'eu_warehouse',
  });
  const res = await call(sim, 'GET', `${V1}/inventory/source-items?${q}`);
  expect(res.body.items).toEqual([{ sku: '102', source_code: 'eu_warehouse', quantity: 8, status: 1 }]);
  expect(res.body.total_count).toBe(1);
});

it('answers the configuration\u2019s manage_stock while use_config_manage_stock is on', async () => {
  const s = sim.state.stockItems.get('101')!;
  Object.assign(s, { use_config_manage_stock: true, manage_stock: false });
  expect((await call(sim, 'GET', `${V1}/stockItems/101`)).body.manage_stock).toBe(true);
  sim.state.config.manageStock = false;
  expect((await call(sim, 'GET', `${V1}/stockItems/101`)).body.manage_stock).toBe(false);
  expect(sim.stock({ externalProductId: 'TEE', externalVariantId: '101' })).toEqual({ kind: 'unlimited' });
});

it('throttles with 429 {"message":"Too Many Requests"} and Retry-After', async () => {
  sim.faults.rateLimit(1, 2);
  const res = await call(sim, 'GET', `${V1}/stockItems/101`);
  expect(res.status).toBe(429);
  expect(res.body).toEqual({ message: 'Too Many Requests' });
  expect(res.headers.get('retry-after')).toBe('2');
});
