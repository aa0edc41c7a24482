import { platformConsentRoute, queryValue, startSimulator, withOAuth } from '../src/simulator';
import { TINY_APP, tinyOAuthConfig } from './fixtures/tinyshop/oauth-fixture';
import { tinyshopSimulator } from './fixtures/tinyshop/simulator';

const REDIRECT = 'https://hub.example/oauth/callback/tinyshop';

describe('platformConsentRoute', () => {
  // A platform whose link names the client `appKey` and the redirect `back`.
  const cfg = tinyOAuthConfig();
  // The translation may give any response_type: the route asks the kit for a code.
  const route = platformConsentRoute(cfg, '/install', (req) => ({
    client_id: queryValue(req, 'appKey') ?? '',
    redirect_uri: queryValue(req, 'back') ?? '',
    response_type: 'token',
    ...(queryValue(req, 'state') === undefined ? {} : { state: queryValue(req, 'state')! }),
  }));
  const kit = withOAuth(tinyshopSimulator, cfg);
  // The merchant's browser carries no API credentials.
  const def = { ...kit, authenticate: () => undefined, routes: [route, ...kit.routes] };

  async function open(query: Record<string, string>): Promise<Response> {
    const sim = await startSimulator(def);
    try {
      return await fetch(`${sim.baseUrl}/install?${new URLSearchParams(query)}`, { redirect: 'manual' });
    } finally {
      await sim.close();
    }
  }

  it("is a GET on the platform's path; the translated query goes through the kit's consent (a code, the state kept)", async () => {
    expect([route.method, route.path]).toEqual(['GET', '/install']);
    const res = await open({ appKey: TINY_APP.clientId, back: REDIRECT, state: 'st' });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('st');
    expect(back.searchParams.get('code')).toEqual(expect.any(String));
  });

  it("the kit's rules hold on the translated query: another client gets no redirect", async () => {
    expect((await open({ appKey: 'someone-else', back: REDIRECT })).status).toBe(400);
  });
});
