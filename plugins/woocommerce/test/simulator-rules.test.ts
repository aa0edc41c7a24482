/**
 * The simulator behaves as WooCommerce core does (raw HTTP, no plugin): derived stock status,
 * WordPress argument validation, batch limits, auth answers and the "parent" view.
 */
import { call, product, startWooSimulator, type WooSim } from './support/store';

const V = '/wp-json/wc/v3/products/100/variations';
let sim: WooSim;
beforeEach(async () => {
  sim = await startWooSimulator();
  sim.seed([product(100, 1, 2)]);
});
afterEach(async () => {
  await sim.close();
});

describe('derived stock status', () => {
  it('ignores a stock_status that contradicts a managed quantity', async () => {
    const r = await call(sim, 'PUT', `${V}/1`, { manage_stock: true, stock_quantity: 5, stock_status: 'outofstock' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ manage_stock: true, stock_quantity: 5, stock_status: 'instock' });
  });

  it('derives onbackorder at zero when backorders are allowed', async () => {
    const r = await call(sim, 'PUT', `${V}/1`, { manage_stock: true, stock_quantity: 0, backorders: 'notify' });
    expect(r.body).toMatchObject({ stock_status: 'onbackorder', backorders_allowed: true, backordered: true });
  });

  it('untracking clears the count and backorders and keeps the status as sent', async () => {
    await call(sim, 'PUT', `${V}/1`, { manage_stock: true, stock_quantity: 3, backorders: 'yes' });
    const r = await call(sim, 'PUT', `${V}/1`, { manage_stock: false, stock_status: 'outofstock' });
    expect(r.body).toMatchObject({ manage_stock: false, stock_quantity: null, backorders: 'no', stock_status: 'outofstock' });
  });

  it('a quantity sent without manage_stock is dropped while stock is not managed', async () => {
    const r = await call(sim, 'PUT', `${V}/1`, { stock_quantity: 8 });
    expect(r.body).toMatchObject({ manage_stock: false, stock_quantity: null });
  });
});

describe('request validation', () => {
  it("answers 400 rest_invalid_param for an unknown stock_status, with WordPress's wording", async () => {
    const r = await call(sim, 'PUT', `${V}/1`, { stock_status: 'sold_out' });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({
      code: 'rest_invalid_param',
      message: 'Invalid parameter(s): stock_status',
      data: { status: 400, params: { stock_status: 'stock_status is not one of instock, outofstock, and onbackorder.' } },
    });
  });

  it('checks the types of manage_stock and stock_quantity', async () => {
    const r = await call(sim, 'PUT', `${V}/1`, { manage_stock: 'parent', stock_quantity: 2.5 });
    expect(r.status).toBe(400);
    expect(r.body.data.params).toEqual({
      manage_stock: 'manage_stock is not of type boolean.',
      stock_quantity: 'stock_quantity is not of type integer.',
    });
    expect(sim.state.variations.get(1)).toMatchObject({ manageStock: false });
  });

  it('reports invalid batch items inside the 200 answer and applies the valid ones', async () => {
    const r = await call(sim, 'POST', `${V}/batch`, {
      update: [
        { id: 1, manage_stock: false, stock_status: 'bogus' },
        { id: 2, manage_stock: false, stock_status: 'outofstock' },
        { id: 999, manage_stock: false },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.body.update[0]).toMatchObject({ id: 1, error: { code: 'rest_invalid_param' } });
    expect(r.body.update[1]).toMatchObject({ id: 2, stock_status: 'outofstock' });
    expect(r.body.update[2]).toEqual({
      id: 999,
      error: { code: 'woocommerce_rest_product_variation_invalid_id', message: 'Invalid ID.', data: { status: 400 } },
    });
  });

  it('refuses more than 100 batch items with 413', async () => {
    const update = Array.from({ length: 101 }, (_, i) => ({ id: i + 1, manage_stock: false }));
    const r = await call(sim, 'POST', `${V}/batch`, { update });
    expect(r.status).toBe(413);
    expect(r.body).toEqual({
      code: 'woocommerce_rest_request_entity_too_large',
      message: 'Unable to accept more than 100 items for this request.',
      data: { status: 413 },
    });
  });

  it('answers rest_invalid_json for a body it cannot parse', async () => {
    const r = await call(sim, 'POST', `${V}/batch`, '{"update": [');
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('rest_invalid_json');
  });

  it('caps per_page at 100 like WordPress', async () => {
    const r = await call(sim, 'GET', `${V}?per_page=101`);
    expect(r.status).toBe(400);
    expect(r.body.data.params.per_page).toBe('per_page must be between 1 (inclusive) and 100 (inclusive)');
  });

  it('returns only the _fields asked for, plus id, with X-WP-Total headers', async () => {
    const r = await call(sim, 'GET', `${V}?include=2&_fields=stock_status`);
    expect(r.body).toEqual([{ id: 2, stock_status: 'instock' }]);
    expect(r.headers.get('x-wp-total')).toBe('1');
    expect(r.headers.get('x-wp-totalpages')).toBe('1');
  });

  it('answers 404 invalid_id for a missing variation and product', async () => {
    expect((await call(sim, 'GET', `${V}/77`)).body).toMatchObject({
      code: 'woocommerce_rest_product_variation_invalid_id',
      data: { status: 404 },
    });
    expect((await call(sim, 'GET', '/wp-json/wc/v3/products/77')).body).toMatchObject({
      code: 'woocommerce_rest_product_invalid_id',
      data: { status: 404 },
    });
  });
});

describe('authentication', () => {
  it('without credentials the list answers 401 cannot_view', async () => {
    const r = await call(sim, 'GET', V, undefined, false);
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.', data: { status: 401 } });
  });

  it('accepts the consumer_key/consumer_secret query pair', async () => {
    const q = `consumer_key=${sim.credentials.consumerKey}&consumer_secret=${sim.credentials.consumerSecret}`;
    const r = await call(sim, 'GET', `${V}?${q}`, undefined, false);
    expect(r.status).toBe(200);
  });

  it('a wrong secret answers authentication_error with a WWW-Authenticate challenge', async () => {
    const r = await fetch(`${sim.baseUrl}${V}`, {
      headers: { authorization: `Basic ${Buffer.from(`${sim.credentials.consumerKey}:cs_test_nope`).toString('base64')}` },
    });
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toMatch(/^Basic realm="WooCommerce API/);
    expect(await r.json()).toMatchObject({ code: 'woocommerce_rest_authentication_error', message: 'Consumer secret is invalid.' });
  });
});
