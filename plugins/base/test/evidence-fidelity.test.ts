/**
 * The simulator held to BASE's documents (test/evidence): each documented request is sent to it and its answer
 * must have the documented status and shape. BASE publishes no OpenAPI document, so the shape comparison is
 * the check.
 */
import { join } from 'node:path';
import { denyConsent } from '@stock-sync/plugin-testkit/simulator';
import { useSimulator } from '@stock-sync/plugin-testkit/contract';
import { evidence, expectDocumentedAnswer } from '@stock-sync/plugin-testkit/evidence';
import type { Evidence, ShapeOptions } from '@stock-sync/plugin-testkit/evidence';
import { SANDBOX_OAUTH_APP } from '../src/simulator';
import { call, startBaseSimulator, type BaseSim } from './support';

const DIR = join(__dirname, 'evidence');
const doc = (name: string): Evidence => evidence(DIR, name);
// The sandbox's item has no images and no identifiers: those documented fields are null there.
const imageFields = [1, 2, 3, 4, 5].flatMap((i) =>
  ['origin', '76', '146', '300', '500', '640', 'sp_480', 'sp_640'].map((s) => `$.item.img${i}_${s}`),
);
const nullable = [...imageFields, '$.item.identifier', '$.item.variations[].variation_identifier'];

const sim = useSimulator(async (): Promise<BaseSim> => {
  const sim = await startBaseSimulator();
  sim.seed([
    {
      productId: '1234',
      variants: ['11', '12', '13'].map((variantId) => ({ variantId, initial: { kind: 'quantity' as const, quantity: 3 } })),
    },
  ]);
  return sim;
});

function holds(res: { status: number; body: unknown }, e: Evidence, opts: ShapeOptions = {}) {
  expectDocumentedAnswer(res, e, { closed: true, ...opts });
}

it('users/me answers the documented user (users-me)', async () => {
  const e = doc('users-me');
  // mail_address needs the read_users_mail scope, which the sandbox token does not have.
  holds(await call(sim, 'GET', e.request!.path), e, { nullable: ['$.user.logo'], ignore: ['$.user.mail_address'] });
});

it('items/detail answers the documented item (items-detail)', async () => {
  const e = doc('items-detail');
  holds(await call(sim, 'GET', e.request!.path), e, { nullable });
});

it('items/detail of an unknown item answers no_item (items-detail-no-item)', async () => {
  const e = doc('items-detail-no-item');
  const res = await call(sim, 'GET', e.request!.path);
  holds(res, e);
  expect(res.body).toEqual(e.response!.body);
});

it('the documented edit form is applied and answered with the documented item (items-edit)', async () => {
  const e = doc('items-edit');
  const res = await call(sim, 'POST', e.request!.path, e.request!.body as Record<string, string>);
  holds(res, e, { nullable });
  expect(res.body.item.variations.map((x: { variation_stock: number }) => x.variation_stock)).toEqual([6, 14, 10]);
  expect(res.body.item.stock).toBe(30); // the sum of the variations, as documented
});

it.each([
  ['items-edit-bad-item-id', { item_id: '999999', 'variation_id[0]': '11', 'variation_stock[0]': '1' }],
  ['items-edit-bad-variation-id', { item_id: '1234', 'variation_id[0]': '99', 'variation_stock[0]': '1' }],
  ['items-edit-validation-error', { item_id: '1234', 'variation_id[0]': '11', 'variation_stock[0]': '-1' }],
])('%s: the documented refusal', async (name, form) => {
  const e = doc(name);
  const res = await call(sim, 'POST', '/1/items/edit', form);
  holds(res, e);
  expect(res.body).toEqual(e.response!.body);
});

it('a wrong token answers the documented invalid_request (error-token-invalid)', async () => {
  const e = doc('error-token-invalid');
  const res = await fetch(`${sim.baseUrl}/1/users/me`, { headers: { authorization: 'Bearer wrong' } });
  expect(res.status).toBe(400);
  expect(await res.json()).toEqual(e.response!.body);
});

it('over the hourly limit: the documented hour_api_limit (error-hour-api-limit)', async () => {
  const e = doc('error-hour-api-limit');
  sim.faults.rateLimit(1, 60, { retryAfterHeader: false });
  const res = await call(sim, 'GET', '/1/users/me');
  holds(res, e);
  expect(res.body).toEqual(e.response!.body);
});

describe('OAuth endpoints held to the documents', () => {
  const app = SANDBOX_OAUTH_APP;
  const documented = (name: string) => doc(name).request!;

  /** The documented authorize request with the sandbox app's client_id: the consent's 302 Location. */
  async function authorize(name: string): Promise<URL> {
    const q = { ...(documented(name).query as Record<string, string>), client_id: app.clientId };
    const res = await fetch(`${sim.baseUrl}${documented(name).path}?${new URLSearchParams(q)}`, { redirect: 'manual' });
    expect(res.status).toBe(doc(name).response!.status);
    return new URL(res.headers.get('location')!);
  }

  async function token(form: Record<string, string>): Promise<{ status: number; body: any }> {
    const res = await fetch(`${sim.baseUrl}/1/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    return { status: res.status, body: await res.json() };
  }

  async function codeFor(): Promise<{ code: string; redirectUri: string }> {
    const location = await authorize('oauth-authorize');
    return { code: location.searchParams.get('code')!, redirectUri: `${location.origin}${location.pathname}` };
  }

  async function exchange(): Promise<{ status: number; body: any }> {
    const { code, redirectUri } = await codeFor();
    const form = {
      ...(documented('oauth-token-authorization-code').body as Record<string, string>),
      client_id: app.clientId,
      client_secret: app.clientSecret,
      code,
      redirect_uri: redirectUri,
    };
    return token(form);
  }

  it('consent redirects to the documented callback with code and the state as sent (oauth-authorize)', async () => {
    const location = await authorize('oauth-authorize');
    const want = new URL(doc('oauth-authorize').response!.headers!.location);
    expect(`${location.origin}${location.pathname}`).toBe(`${want.origin}${want.pathname}`);
    expect([...location.searchParams.keys()].sort()).toEqual([...want.searchParams.keys()].sort());
    expect(location.searchParams.get('state')).toBe(want.searchParams.get('state'));
  });

  it('a denied consent redirects exactly as documented (oauth-authorize-denied)', async () => {
    denyConsent(sim);
    const location = await authorize('oauth-authorize-denied');
    expect(location.toString()).toBe(doc('oauth-authorize-denied').response!.headers!.location);
  });

  it('the documented code exchange is answered with the documented shape (oauth-token-authorization-code)', async () => {
    const res = await exchange();
    holds(res, doc('oauth-token-authorization-code'));
    expect(res.body).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
  });

  it('the documented refresh is answered with the documented shape (oauth-token-refresh)', async () => {
    const first = (await exchange()).body;
    const form = {
      ...(documented('oauth-token-refresh').body as Record<string, string>),
      client_id: app.clientId,
      client_secret: app.clientSecret,
      refresh_token: first.refresh_token,
    };
    const res = await token(form);
    holds(res, doc('oauth-token-refresh'));
    expect(res.body.refresh_token).not.toBe(first.refresh_token);
  });

  it('refusals answer BASE’s documented bodies (oauth-token-error-*)', async () => {
    const first = (await exchange()).body;
    const refresh = {
      grant_type: 'refresh_token',
      client_id: app.clientId,
      client_secret: app.clientSecret,
      redirect_uri: 'http://hogehoge.com/callback.php',
    };
    // A spent (or unknown) refresh token.
    await token({ ...refresh, refresh_token: first.refresh_token });
    const spent = await token({ ...refresh, refresh_token: first.refresh_token });
    expect(spent).toEqual({ status: 400, body: doc('oauth-token-error-bad-refresh-token').response!.body });
    // An unknown code; a code past its lifetime.
    const code = {
      grant_type: 'authorization_code',
      client_id: app.clientId,
      client_secret: app.clientSecret,
      redirect_uri: 'http://hogehoge.com/callback.php',
    };
    expect(await token({ ...code, code: 'not-a-code' })).toEqual({ status: 400, body: doc('oauth-token-error-bad-code').response!.body });
    // An unknown client.
    expect(await token({ ...code, code: 'x', client_id: 'someone-else' })).toEqual({
      status: 400,
      body: doc('oauth-token-error-unknown-client').response!.body,
    });
  });
});
