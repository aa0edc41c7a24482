/**
 * The notice routes answered before Nest routes the request (notice-route.ts): the path's parameters decoded as
 * express decodes them; through the real hub, the answer is NoticesService's (the controller is not called), the
 * request is counted under its route template, and an error is rendered by the hub's error handler.
 */
import { randomUUID } from 'node:crypto';
import { NOTICE_PLATFORM_ROUTE, NOTICE_STORE_ROUTE, noticeRouteParams } from '../../src/notices/notice-route';
import { NoticesService } from '../../src/notices/notices.service';
import { HubMetricsService } from '../../src/metrics/hub-metrics.service';
import { describeHub } from '../support/hub-harness';

describe('noticeRouteParams', () => {
  it('names the platform, and the store on a store’s URL, decoded', () => {
    expect(noticeRouteParams('/hooks/woocommerce/abc')).toEqual({ platform: 'woocommerce', storeId: 'abc' });
    expect(noticeRouteParams('/hooks/ecwid')).toEqual({ platform: 'ecwid' });
    expect(noticeRouteParams('/hooks/big%20cartel/a%2Fb')).toEqual({ platform: 'big cartel', storeId: 'a/b' });
  });

  it('leaves every other path, and a parameter that does not decode, to the router', () => {
    for (const path of ['/hooks', '/hooks/', '/hooks/woocommerce/', '/hooks/a/b/c', '/v1/hooks/a', '/Hooks/a', '/hooks/%ZZ']) {
      expect(noticeRouteParams(path)).toBeUndefined();
    }
  });
});

describeHub('the notice routes before Nest', (hub) => {
  afterEach(() => jest.restoreAllMocks());

  const counted = async (route: string, status: number) => {
    const text = await hub().app.get(HubMetricsService).render();
    const line = text.split('\n').find((l) => l.startsWith(`hub_http_requests_total{method="POST",route="${route}",status="${status}"}`));
    return line ? Number(line.split(' ').pop()) : 0;
  };

  it('answers with NoticesService’s outcome, not through the controller, counted under the route template', async () => {
    // Who handed the request to the service: its caller's stack (Nest's would pass through its router's execution context).
    const service = hub().app.get(NoticesService);
    const callers: string[] = [];
    const receive = service.receive.bind(service);
    jest.spyOn(service, 'receive').mockImplementation((...args) => {
      callers.push(new Error().stack ?? '');
      return receive(...args);
    });
    const before = await counted(NOTICE_STORE_ROUTE, 401);
    const res = await hub().raw().post(`/hooks/woocommerce/${randomUUID()}`).set('Content-Type', 'application/json').send('{}');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: 'invalid_signature' });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(callers).toHaveLength(1);
    expect(callers[0]).toContain('noticeRoute');
    expect(callers[0]).not.toMatch(/router-execution-context|NoticesController/);
    expect(await counted(NOTICE_STORE_ROUTE, 401)).toBe(before + 1);

    const platformWide = await hub().raw().post('/hooks/no-such-platform').send('x');
    expect(platformWide.status).toBe(401);
    expect(await counted(NOTICE_PLATFORM_ROUTE, 401)).toBeGreaterThan(0);
  });

  it('renders an error of the service as the API’s 500, with nothing of it in the answer', async () => {
    jest.spyOn(hub().app.get(NoticesService), 'receive').mockRejectedValueOnce(new Error('secret detail 42'));
    const res = await hub().raw().post(`/hooks/woocommerce/${randomUUID()}`).send('{}');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: 'internal_error', message: 'internal error' });
    expect(res.text).not.toContain('secret detail');
  });

  it('leaves other methods and paths to the auth check and Nest', async () => {
    // Not public: unauthenticated, 401 before routing; with the API token, no such route.
    expect((await hub().raw().get(`/hooks/woocommerce/${randomUUID()}`)).status).toBe(401);
    expect((await hub().get(`/hooks/woocommerce/${randomUUID()}`)).status).toBe(404);
    expect((await hub().post('/hooks/woocommerce/a/b')).status).toBe(404);
  });
});
