/**
 * Webhook subscriptions over real HTTP on both databases: create (secret generated and shown once, or given),
 * list/get never show the secret, the secret is encrypted at rest, validation names the field and writes
 * nothing, delete removes the subscription and its deliveries, and the delivery log pages.
 */
import { describeHub, TEST_TOKEN, type TestHub } from '../support/hub-harness';

const count = async (hub: TestHub) => Number((await hub.sql<{ n: string }>(`SELECT count(*) AS n FROM webhook_subscriptions`))[0]!.n);

describeHub('webhook subscriptions', (hub) => {
  it('creates with a generated secret shown only in the 201 answer', async () => {
    const res = await hub()
      .post('/v1/webhooks', { url: 'https://ops.example.com/hooks', eventTypes: ['store.paused', 'sync_run.failed'] })
      .expect(201);
    expect(res.body).toMatchObject({ url: 'https://ops.example.com/hooks', eventTypes: ['store.paused', 'sync_run.failed'] });
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);
    expect(Buffer.from(res.body.secret.slice(6), 'base64')).toHaveLength(32);
    const secret: string = res.body.secret;

    const got = await hub().get(`/v1/webhooks/${res.body.id}`).expect(200);
    expect(got.body).toEqual({ id: res.body.id, url: res.body.url, eventTypes: res.body.eventTypes, createdAt: res.body.createdAt });
    const list = await hub().get('/v1/webhooks').expect(200);
    expect(list.body.map((w: { id: string }) => w.id)).toContain(res.body.id);
    expect(JSON.stringify(list.body)).not.toContain('secret');
    expect(got.text).not.toContain(secret.slice(6));

    const [row] = await hub().sql<{ secret: Uint8Array }>(`SELECT secret FROM webhook_subscriptions WHERE id = $1`, [res.body.id]);
    const stored = Buffer.from(row!.secret);
    expect(stored.includes(Buffer.from(secret))).toBe(false);
    expect(stored.includes(Buffer.from(secret.slice(6), 'base64'))).toBe(false);
  });

  it('keeps a given secret', async () => {
    const secret = `whsec_${Buffer.alloc(24, 7).toString('base64')}`;
    const res = await hub()
      .post('/v1/webhooks', { url: 'http://127.0.0.1:9/x', eventTypes: ['variant.unavailable'], secret })
      .expect(201);
    expect(res.body.secret).toBe(secret);
  });

  it.each([
    [{ url: 'ftp://example.com/x', eventTypes: ['store.paused'] }, 'url'],
    [{ url: '/relative/path', eventTypes: ['store.paused'] }, 'url'],
    [{ url: 'https://user:pass@example.com/x', eventTypes: ['store.paused'] }, 'url'],
    [{ url: 'https://example.com/x', eventTypes: [] }, 'eventTypes'],
    [{ url: 'https://example.com/x', eventTypes: ['store.exploded'] }, 'eventTypes'],
    [{ url: 'https://example.com/x', eventTypes: ['store.paused', 'store.paused'] }, 'eventTypes'],
    [{ url: 'https://example.com/x', eventTypes: ['store.paused'], secret: 'not-a-secret' }, 'secret'],
    [{ url: 'https://example.com/x', eventTypes: ['store.paused'], secret: `whsec_${Buffer.alloc(8).toString('base64')}` }, 'secret'],
    [{ url: 'https://example.com/x', eventTypes: ['store.paused'], secret: null }, 'secret'],
    [{ url: 'https://example.com/x', eventTypes: ['store.paused'], extra: 1 }, 'extra'],
    [{ eventTypes: ['store.paused'] }, 'url'],
  ])('refuses %j naming %s, and writes nothing', async (body, field) => {
    const before = await count(hub());
    const res = await hub().post('/v1/webhooks', body).expect(400);
    expect(res.body.error).toBe('validation_failed');
    expect(res.body.details.map((d: { path: string }) => d.path)).toContain(field);
    expect(JSON.stringify(res.body)).not.toMatch(/whsec_AAAA/);
    expect(await count(hub())).toBe(before);
  });

  it('404s an unknown subscription and 400s a malformed id', async () => {
    await hub().get('/v1/webhooks/00000000-0000-4000-8000-000000000000').expect(404);
    await hub().get('/v1/webhooks/00000000-0000-4000-8000-000000000000/deliveries').expect(404);
    await hub().raw().delete('/v1/webhooks/00000000-0000-4000-8000-000000000000').set('Authorization', `Bearer ${TEST_TOKEN}`).expect(404);
    const bad = await hub().get('/v1/webhooks/nope').expect(400);
    expect(bad.body.details[0].path).toBe('id');
  });

  it('pages the delivery log newest first, and delete removes the subscription with its deliveries', async () => {
    const created = await hub()
      .post('/v1/webhooks', { url: 'http://127.0.0.1:9/x', eventTypes: ['store.paused'] })
      .expect(201);
    const id: string = created.body.id;
    // Five recorded events (delivery is off in this file: they stay pending).
    await hub().sql(`SELECT webhook_record_event('store.paused', 'k', jsonb_build_object('n', n)) FROM generate_series(1, 5) AS n`);
    const first = await hub().get(`/v1/webhooks/${id}/deliveries?limit=2`).expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0]).toMatchObject({
      eventType: 'store.paused',
      status: 'pending',
      attempts: 0,
      lastStatus: null,
      orderingKey: 'k',
    });
    const second = await hub().get(`/v1/webhooks/${id}/deliveries?limit=2&cursor=${first.body.nextCursor}`).expect(200);
    const third = await hub().get(`/v1/webhooks/${id}/deliveries?limit=2&cursor=${second.body.nextCursor}`).expect(200);
    expect(third.body.nextCursor).toBeNull();
    const ids = [...first.body.items, ...second.body.items, ...third.body.items].map((d: { id: string }) => Number(d.id));
    expect(ids).toHaveLength(5);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    const cursorError = await hub().get(`/v1/webhooks/${id}/deliveries?cursor=zzz`).expect(400);
    expect(cursorError.body.details[0].path).toBe('cursor');

    await hub().raw().delete(`/v1/webhooks/${id}`).set('Authorization', `Bearer ${TEST_TOKEN}`).expect(204);
    await hub().get(`/v1/webhooks/${id}`).expect(404);
    const [{ n }] = await hub().sql<{ n: string }>(`SELECT count(*) AS n FROM webhook_deliveries WHERE subscription_id = $1`, [id]);
    expect(Number(n)).toBe(0);
  });

  it('records no event when no subscription wants its type', async () => {
    const before = await hub().sql<{ n: string }>(`SELECT count(*) AS n FROM webhook_events`);
    await hub().sql(`SELECT webhook_record_event('store.drift_detected', 'k', '{}'::jsonb)`);
    expect(await hub().sql<{ n: string }>(`SELECT count(*) AS n FROM webhook_events`)).toEqual(before);
  });
});
