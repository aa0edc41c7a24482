import type { PluginOAuth } from '@stock-sync/plugin-sdk';
import { exchangeWithReplay, useReplay, type Replay } from '../src';

const oauth: PluginOAuth = {
  authorizeUrl: 'https://platform.example/authorize',
  tokenUrl: 'https://platform.example/oauth/token',
  scopes: [],
  toConnectedStore: (token, ctx) => ({
    credentials: { accessToken: String(token.access_token), shop: ctx.inputs.shop ?? '-' },
    externalStoreId: String(token.store_id),
  }),
};

describe('useReplay', () => {
  const replay = useReplay();
  let first: Replay;

  it('starts a replay that records requests, and a second start closes the first', async () => {
    expect(() => replay.requests).toThrow('useReplay: no replay started in this test');
    first = await replay.start([{ status: 200, body: { ok: 1 } }]);
    const res = await fetch(`${first.baseUrl}/a?x=1`);
    expect(await res.json()).toEqual({ ok: 1 });
    expect(replay.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /a']);
    expect(replay.baseUrl).toBe(first.baseUrl);
    const second = await replay.start([{ status: 204 }]);
    expect(replay.requests).toEqual([]);
    await expect(fetch(`${first.baseUrl}/a`)).rejects.toThrow();
    first = second;
  });

  it('closed the last replay after the previous test', async () => {
    await expect(fetch(`${first.baseUrl}/a`)).rejects.toThrow();
    expect(() => replay.requests).toThrow('useReplay: no replay started in this test');
    expect(() => replay.baseUrl).toThrow('useReplay: no replay started in this test');
  });
});

describe('exchangeWithReplay', () => {
  const replay = useReplay();

  it("runs the standard exchange against the replay: the callback's code, the app pointed at it, the inputs", async () => {
    const r = await replay.start([{ status: 200, body: { access_token: 'at-1', store_id: 7 } }]);
    const store = await exchangeWithReplay(oauth, r, {
      app: { clientId: 'c', clientSecret: 's', baseUrl: 'https://elsewhere.example' },
      query: { code: 'the-code', state: 'st' },
      redirectUri: 'https://hub.example/cb',
      inputs: { shop: 'acme' },
    });
    expect(store).toEqual({ credentials: { accessToken: 'at-1', shop: 'acme', baseUrl: r.baseUrl }, externalStoreId: '7' });
    expect(replay.requests).toHaveLength(1);
    const [req] = replay.requests;
    expect(`${req!.method} ${req!.path}`).toBe('POST /oauth/token');
    expect(Object.fromEntries(new URLSearchParams(req!.body))).toMatchObject({
      code: 'the-code',
      redirect_uri: 'https://hub.example/cb',
      grant_type: 'authorization_code',
    });
  });

  it('without inputs hands the plugin none; one attempt only (a 500 is not retried)', async () => {
    let r = await replay.start([{ status: 200, body: { access_token: 'at-1', store_id: 7 } }]);
    const ctx = { app: { clientId: 'c', clientSecret: 's' }, query: { code: 'x' }, redirectUri: 'https://hub.example/cb' };
    expect((await exchangeWithReplay(oauth, r, ctx)).credentials.shop).toBe('-');
    r = await replay.start([{ status: 500, body: {} }]);
    await expect(exchangeWithReplay(oauth, r, ctx)).rejects.toThrow();
    expect(replay.requests).toHaveLength(1);
  });
});
