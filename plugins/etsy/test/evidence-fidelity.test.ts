/**
 * The simulator held to Etsy's documents: each documented request (test/evidence/*.json) is sent to it and
 * its answer must have the documented shape and status; the inventory answers must also validate against
 * the response schemas of Etsy's official OpenAPI document (spec/etsy-openapi-2021-06.json, from
 * https://github.com/etsy/open-api), and the error answers against its ErrorSchema.
 */
import { join } from 'node:path';
import { evidence, expectDocumentedAnswer, expectSameShape } from '@stock-sync/plugin-testkit/evidence';
import { loadOpenApiSpec, openApiResponseValidator } from '@stock-sync/plugin-testkit/openapi';
import { SANDBOX_OAUTH_APP } from '../src/simulator';
import { etsyFetch, fastClock, listingSeed, startHarness, type Harness } from './etsy-harness';

const DIR = join(__dirname, 'evidence');
const spec = loadOpenApiSpec(join(__dirname, '..', 'spec', 'etsy-openapi-2021-06.json'));
const INVENTORY = '/v3/application/listings/{listing_id}/inventory';
const LISTING = 5101;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: fastClock() });
  h.sim.seed([listingSeed(LISTING, 2)]);
});
afterAll(() => h.close());

function pathOf(template: string): string {
  return template.replace('{listing_id}', String(LISTING)).replace('{shop_id}', h.sim.credentials.shopId!);
}

async function send(name: string, adapt: (body: any) => unknown = (b) => b) {
  const e = evidence(DIR, name);
  const req = e.request!;
  const query = req.query ? `?${new URLSearchParams(Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, pathOf(v)])))}` : '';
  const opts: Parameters<typeof etsyFetch>[3] = {};
  if (typeof req.body === 'string') opts.form = Object.fromEntries(new URLSearchParams(req.body));
  else if (req.body !== undefined) opts.json = adapt(JSON.parse(JSON.stringify(req.body)));
  const res = await etsyFetch(h.sim, req.method, pathOf(req.path) + query, opts);
  return { e, res };
}

/** The documented PUT, with the simulated listing's own property value ids (a full replacement must match them). */
async function documentedPut() {
  const current = (await etsyFetch(h.sim, 'GET', pathOf(INVENTORY))).body;
  return send('update-listing-inventory', (b) => {
    b.products.forEach((p: any, i: number) => {
      p.property_values = current.products[i].property_values.map(({ scale_name: _s, ...pv }: any) => pv);
      p.offerings[0].readiness_state_id = current.products[i].offerings[0].readiness_state_id;
    });
    b.quantity_on_property = current.quantity_on_property;
    b.sku_on_property = current.sku_on_property;
    b.price_on_property = current.price_on_property;
    return b;
  });
}

it.each(['get-me', 'get-listing-inventory', 'get-listings-inventory-batch', 'rate-headers-success'])(
  '%s: documented status and shape',
  async (name) => {
    const { e, res } = await send(name);
    // The sim's listing fields the plugin reads; a title etc. may be absent from a shortened document.
    expectDocumentedAnswer(res, e, {
      nullable: [
        '$.products[].property_values[].scale_id',
        '$.products[].property_values[].scale_name',
        '$.products[].property_values[].property_name',
      ],
    });
    for (const [k] of Object.entries(e.response!.headers ?? {}))
      expect([k, res.headers.get(k)]).toEqual([k, expect.stringMatching(/^\d+$/)]);
  },
);

it('update-listing-inventory: the documented PUT is accepted and answered in the documented shape, valid against the official schema', async () => {
  const { e, res } = await documentedPut();
  expect(res.status).toBe(200);
  expectSameShape(res.body, e.response!.body, e.name, {
    nullable: ['$.products[].property_values[].scale_id', '$.products[].property_values[].scale_name'],
  });
  expect(openApiResponseValidator(spec, 'PUT', INVENTORY, 200)(res.body)).toEqual({ ok: true });
});

it('getListingInventory answers validate against the official ListingInventory schema', async () => {
  const res = await etsyFetch(h.sim, 'GET', pathOf(INVENTORY));
  expect(openApiResponseValidator(spec, 'GET', INVENTORY, 200)(res.body)).toEqual({ ok: true });
  // Teeth: a Money price where the schema has one is fine, a string quantity is not.
  const broken = JSON.parse(JSON.stringify(res.body));
  broken.products[0].offerings[0].quantity = 'five';
  expect(openApiResponseValidator(spec, 'GET', INVENTORY, 200)(broken).ok).toBe(false);
});

it('update-listing-state: the documented form body sets the state and answers a ShopListing', async () => {
  const { e, res } = await send('update-listing-state');
  expect(res.status).toBe(200);
  expectSameShape(res.body, e.response!.body, e.name);
  expect(res.body.state).toBe('inactive');
  await etsyFetch(h.sim, 'PATCH', pathOf('/v3/application/shops/{shop_id}/listings/{listing_id}'), { form: { state: 'active' } });
});

it('errors in the documented ErrorSchema shape and status: 400 all-zero, 403 bare keystring, 404, 429', async () => {
  const current = (await etsyFetch(h.sim, 'GET', pathOf(INVENTORY))).body;
  const zero = {
    products: current.products.map((p: any) => ({
      sku: p.sku,
      property_values: p.property_values.map(({ scale_name: _s, ...pv }: any) => pv),
      offerings: [{ price: 25, quantity: 0, is_enabled: true, readiness_state_id: p.offerings[0].readiness_state_id }],
    })),
    price_on_property: current.price_on_property,
    quantity_on_property: current.quantity_on_property,
    sku_on_property: current.sku_on_property,
  };
  const cases: [string, { status: number; body: any }][] = [
    ['error-400-all-zero', await etsyFetch(h.sim, 'PUT', pathOf(INVENTORY), { json: zero })],
    [
      'error-403-shared-secret-required',
      await etsyFetch(h.sim, 'GET', '/v3/application/users/me', { headers: { 'x-api-key': h.sim.credentials.apiKey! } }),
    ],
    ['error-404-listing', await etsyFetch(h.sim, 'GET', '/v3/application/listings/1/inventory')],
  ];
  for (const [name, res] of cases) {
    const e = evidence(DIR, name);
    expect([name, res.status]).toEqual([name, e.response!.status]);
    expectSameShape(res.body, e.response!.body, name, { closed: true });
  }
  // The two messages the documents quote word for word.
  expect(cases[0]![1].body.error).toBe('One offering must have quantity greater than 0');
  expect(cases[1]![1].body.error).toBe('Shared secret is required in x-api-key header');
  expect(openApiResponseValidator(spec, 'PUT', INVENTORY, 400)(cases[0]![1].body)).toEqual({ ok: true });
  expect(openApiResponseValidator(spec, 'GET', INVENTORY, 404)(cases[2]![1].body)).toEqual({ ok: true });

  const daily = h.sim.state.daily;
  const saved = daily.limit;
  daily.limit = daily.used;
  try {
    const over = await etsyFetch(h.sim, 'GET', pathOf(INVENTORY));
    expect(over.status).toBe(429);
    expectSameShape(over.body, evidence(DIR, 'error-429-rate-limited').response!.body, 'error-429-rate-limited', { closed: true });
  } finally {
    daily.limit = saved;
  }
});

describe('the authorization code grant held to the documents (oauth-connect, oauth-token-authorization-code, oauth-refresh-token)', () => {
  async function documentedConsent(): Promise<URL> {
    const e = evidence(DIR, 'oauth-connect');
    // The documented request with the sandbox app's keystring; the documented challenge is S256 of the documented verifier.
    const q = { ...(e.request!.query as Record<string, string>), client_id: SANDBOX_OAUTH_APP.clientId };
    const res = await fetch(`${h.sim.baseUrl}${e.request!.path}?${new URLSearchParams(q)}`, { redirect: 'manual' });
    expect(res.status).toBe(e.response!.status);
    return new URL(res.headers.get('location')!);
  }

  async function token(form: Record<string, string>) {
    return etsyFetch(h.sim, 'POST', '/v3/public/oauth/token', { form, headers: { 'x-api-key': '', authorization: '' } });
  }

  async function documentedExchange() {
    const location = await documentedConsent();
    const e = evidence(DIR, 'oauth-token-authorization-code');
    const form = {
      ...(e.request!.body as Record<string, string>),
      client_id: SANDBOX_OAUTH_APP.clientId,
      code: location.searchParams.get('code')!,
    };
    return { e, res: await token(form) };
  }

  it('consent: the documented redirect back, with a code and the state as sent', async () => {
    const location = await documentedConsent();
    const want = new URL(evidence(DIR, 'oauth-connect').response!.headers!.location);
    expect(`${location.origin}${location.pathname}`).toBe(`${want.origin}${want.pathname}`);
    expect([...location.searchParams.keys()].sort()).toEqual([...want.searchParams.keys()].sort());
    expect(location.searchParams.get('state')).toBe('superstate');
  });

  it('the documented code exchange (client_id alone, code_verifier) is answered in the documented shape', async () => {
    const { e, res } = await documentedExchange();
    expectDocumentedAnswer(res, e, { closed: true });
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(res.body.access_token).toMatch(/^\d+\./);
  });

  it('the documented refresh is answered in the documented shape', async () => {
    const first = (await documentedExchange()).res.body;
    const e = evidence(DIR, 'oauth-refresh-token');
    const res = await token({
      ...(e.request!.body as Record<string, string>),
      client_id: SANDBOX_OAUTH_APP.clientId,
      refresh_token: first.refresh_token,
    });
    expectDocumentedAnswer(res, e, { closed: true });
  });
});
