// startMultiTenantSimulator: thousands of shops of one platform on one server, a tenant per path prefix.
import { connectToSimulator, parseTenantPath, startMultiTenantSimulator, type MultiTenantSimulator, type SimRequestRecord } from '../src';
import { tinyshopPlugin } from './fixtures/tinyshop/plugin';
import { TINY_TOKEN, tinyshopSimulator, type TinyState } from './fixtures/tinyshop/simulator';

const auth = { 'x-tiny-token': TINY_TOKEN, 'content-type': 'application/json' };
const v1 = { externalProductId: 'p1', externalVariantId: 'v1' };

let sim: MultiTenantSimulator<TinyState> | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function get(url: string, headers: Record<string, string> = auth) {
  const res = await fetch(url, { headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

describe('parseTenantPath', () => {
  it('takes the tenant number and the rest of the path', () => {
    expect(parseTenantPath('/t/12/api/shop')).toEqual({ tenant: 12, rest: '/api/shop' });
    expect(parseTenantPath('/t/3')).toEqual({ tenant: 3, rest: '/' });
  });
  it('refuses anything else', () => {
    for (const p of ['/api/shop', '/t/0/api', '/t/01/api', '/t/x/api', '/t//api', '/tt/1/api', '/t/1x/api'])
      expect(parseTenantPath(p)).toBeUndefined();
  });
});

describe('startMultiTenantSimulator', () => {
  it('gives each tenant its own baseUrl, credentials built from it, and its own catalog', async () => {
    sim = await startMultiTenantSimulator(tinyshopSimulator);
    const [a, b] = sim.addTenants(2);
    expect(a.baseUrl).toBe(`${sim.url}/t/1`);
    expect(b.baseUrl).toBe(`${sim.url}/t/2`);
    expect(b.credentials).toEqual({ baseUrl: b.baseUrl, token: TINY_TOKEN, shopName: 'fixture-shop' });
    a.seed([{ productId: 'p1', variants: [{ variantId: 'v1', initial: { kind: 'quantity', quantity: 4 } }] }]);
    b.seed([{ productId: 'p1', variants: [{ variantId: 'v1', initial: { kind: 'quantity', quantity: 7 } }] }]);
    expect((await get(`${a.baseUrl}/api/products/p1/variants/v1`)).body).toMatchObject({ quantity: 4 });
    expect((await get(`${b.baseUrl}/api/products/p1/variants/v1`)).body).toMatchObject({ quantity: 7 });
    expect(sim.tenantCount).toBe(2);
    expect(sim.tenant(2)).toBe(b);
    expect(sim.addTenants(1)[0].baseUrl).toBe(`${sim.url}/t/3`);
  });

  it('keeps a rate budget per tenant: one spent budget throttles no other shop', async () => {
    sim = await startMultiTenantSimulator(tinyshopSimulator, { now: () => 1_000_000 }); // frozen: no refill
    const [a, b] = sim.addTenants(2);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await get(`${a.baseUrl}/api/shop`)).status);
    expect(statuses).toEqual([...Array(10).fill(200), 429]);
    const other = await get(`${b.baseUrl}/api/shop`);
    expect(other.status).toBe(200);
    expect(other.headers.get('x-tiny-budget')).toBe('9/10');
  });

  it('keeps faults and request logs per tenant, and tells listeners which tenant answered what', async () => {
    sim = await startMultiTenantSimulator(tinyshopSimulator);
    const [a, b] = sim.addTenants(2);
    const seen: [number, SimRequestRecord][] = [];
    const stop = sim.onAnswered((tenant, record) => seen.push([tenant, record]));
    a.faults.revokeCredentials();
    expect((await get(`${a.baseUrl}/api/shop`)).status).toBe(401);
    expect((await get(`${b.baseUrl}/api/shop`)).status).toBe(200);
    expect(a.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /api/shop 401']);
    expect(b.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /api/shop 200']);
    expect(seen.map(([t, r]) => `${t} ${r.status}`)).toEqual(['1 401', '2 200']);
    stop();
    await get(`${b.baseUrl}/api/shop`);
    expect(seen).toHaveLength(2);
  });

  it('answers 404 for a missing or unknown tenant, and after a tenant is closed', async () => {
    sim = await startMultiTenantSimulator(tinyshopSimulator);
    const [a] = sim.addTenants(1);
    expect((await get(`${sim.url}/api/shop`)).status).toBe(404);
    const unknown = await get(`${sim.url}/t/2/api/shop`);
    expect(unknown).toMatchObject({ status: 404, body: { error: 'no tenant 2 on this simulator' } });
    await a.close();
    expect((await get(`${sim.url}/t/1/api/shop`)).status).toBe(404);
    expect(sim.tenantCount).toBe(0);
    expect((await get(`${sim.url}/__sim/tenants`, {})).body).toEqual({ id: 'tinyshop', tenants: 0 });
  });

  it("serves each tenant's /__sim routes under its prefix, without platform auth", async () => {
    sim = await startMultiTenantSimulator(tinyshopSimulator);
    const [, b] = sim.addTenants(2);
    b.seed([{ productId: 'p1', variants: [{ variantId: 'v1', initial: { kind: 'out_of_stock' } }] }]);
    expect((await get(`${b.baseUrl}/__sim/stock`, {})).body).toEqual({
      variants: [{ productId: 'p1', variantId: 'v1', stock: { kind: 'out_of_stock' } }],
    });
    expect((await get(`${sim.url}/t/1/__sim/stock`, {})).body).toEqual({ variants: [] });
    expect((await get(`${b.baseUrl}/__sim/info`, {})).body).toMatchObject({ id: 'tinyshop', baseUrl: b.baseUrl });
    expect(b.requests).toHaveLength(0); // inspection is not platform traffic
  });

  it('puts the tenant on the Host header, so links a simulator builds from its host stay in the tenant', async () => {
    const withLink = {
      ...tinyshopSimulator,
      routes: [
        ...tinyshopSimulator.routes,
        {
          method: 'GET' as const,
          path: '/api/link',
          handle: (req: { headers: Record<string, string> }) => ({ status: 200, body: { next: `http://${req.headers.host}/api/shop` } }),
        },
      ],
    };
    sim = await startMultiTenantSimulator(withLink);
    const [, b] = sim.addTenants(2);
    const { body } = await get(`${b.baseUrl}/api/link`);
    expect(body.next).toBe(`${b.baseUrl}/api/shop`);
    expect((await get(body.next)).status).toBe(200);
    expect(b.requests.map((r) => r.path)).toEqual(['/api/link', '/api/shop']);
  });

  it("lets a plugin's own client reach a tenant through its baseUrl (the prefix is kept on every call)", async () => {
    sim = await startMultiTenantSimulator(tinyshopSimulator);
    const [a, b] = sim.addTenants(2);
    for (const t of [a, b]) t.seed([{ productId: 'p1', variants: [{ variantId: 'v1', initial: { kind: 'quantity', quantity: 3 } }] }]);
    const store = connectToSimulator({ plugin: tinyshopPlugin, simulator: b });
    await store.connection.verify();
    const [out] = await store.connection.writeStock([{ ...v1, target: { kind: 'quantity', quantity: 8 } }]);
    expect(out.status).toBe('written');
    expect(b.stock(v1)).toEqual({ kind: 'quantity', quantity: 8 });
    expect(a.stock(v1)).toEqual({ kind: 'quantity', quantity: 3 });
    expect(a.requests).toHaveLength(0);
  });

  it('hosts a thousand shops on one port', async () => {
    sim = await startMultiTenantSimulator(tinyshopSimulator);
    const shops = sim.addTenants(1000);
    shops.forEach((s, i) => s.seed([{ productId: 'p1', variants: [{ variantId: 'v1', initial: { kind: 'quantity', quantity: i + 1 } }] }]));
    const picks = [1, 500, 1000];
    const answers = await Promise.all(picks.map((n) => get(`${sim!.url}/t/${n}/api/products/p1/variants/v1`)));
    expect(answers.map((r) => r.body.quantity)).toEqual(picks);
  });
});
