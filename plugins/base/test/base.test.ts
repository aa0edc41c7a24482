/** The plugin against the BASE simulator over real HTTP: form edits, derived stock, BASE's refusals. */
import { AuthError, OUT_OF_STOCK as O, quantity as Q, RateLimited, Rejected } from '@stock-sync/plugin-api';
import { outcomeNames, seedAndWriteEach, seedRefs } from '@stock-sync/plugin-testkit/fixtures';
import { classifyBaseResponse, msUntilNextHour, msUntilNextJstDay } from '../src/base-api';
import { call, connect, item, paths, refsOf, startBaseSimulator, type BaseSim } from './support';

let sim: BaseSim;
beforeEach(async () => void (sim = await startBaseSimulator()));
afterEach(() => sim.close());

const v = (itemId: number, variationId: number) => sim.state.items.get(itemId)!.variations.find((x) => x.variation_id === variationId)!;

describe('writes', () => {
  it('one form-encoded /1/items/edit per item; BASE derives the item stock from its variations', async () => {
    const { outcomes } = await seedAndWriteEach(sim, connect(sim), item(100, 11, 3, Q(1)));
    expect(outcomeNames(outcomes)).toEqual(['written', 'written', 'written']);
    expect(paths(sim)).toEqual(['POST /1/items/edit 200']);
    expect([v(100, 11).variation_stock, v(100, 12).variation_stock, v(100, 13).variation_stock]).toEqual([99_999, 0, 7]);
    expect(sim.state.items.get(100)!.stock).toBe(99_999 + 7);
  });

  it('an item without variations is addressed with its own id as the variant id (`stock`)', async () => {
    sim.seed([{ productId: '200', variants: [{ variantId: '200', initial: Q(2) }] }]);
    const ref = { externalProductId: '200', externalVariantId: '200' };
    const conn = connect(sim);
    expect((await conn.writeStock([{ ...ref, target: Q(9) }]))[0].status).toBe('written');
    expect(sim.state.items.get(200)!.stock).toBe(9);
    expect(await conn.readStock([ref])).toEqual([{ ...ref, status: 'found', stock: Q(9) }]);
  });

  it('the item itself of an item with variations cannot take a stock: Rejected, and the echo shows why', async () => {
    sim.seed([item(300, 31, 2, Q(1))]);
    const [o] = await connect(sim).writeStock([{ externalProductId: '300', externalVariantId: '300', target: Q(5) }]);
    expect(o.status).toBe('failed');
    expect((o as { error: Error }).error).toBeInstanceOf(Rejected);
    expect((o as { error: Error }).error.message).toMatch(/has variations/);
    expect(sim.state.items.get(300)!.stock).toBe(2);
  });

  it('caps quantities at 99,999; the simulator refuses more with validation_error', async () => {
    sim.seed([item(100, 11, 1)]);
    expect((await connect(sim).writeStock([{ externalProductId: '100', externalVariantId: '11', target: Q(1_000_000) }]))[0].status).toBe(
      'written',
    );
    expect(v(100, 11).variation_stock).toBe(99_999);
    const r = await call(sim, 'POST', '/1/items/edit', { item_id: '100', 'variation_id[0]': '11', 'variation_stock[0]': '100000' });
    expect(r).toEqual({ status: 400, body: { error: 'validation_error', error_description: 'バリデーションエラーです。' } });
  });

  it('makes no call for an item whose writes are all in place', async () => {
    sim.seed([item(100, 11, 2, O), item(101, 21, 1, O)]);
    const out = await connect(sim).writeStock([
      ...refsOf(item(100, 11, 2)).map((r) => ({ ...r, target: O, previous: O })),
      { externalProductId: '101', externalVariantId: '21', target: Q(3), previous: O },
    ]);
    expect(out.every((o) => o.status === 'written')).toBe(true);
    expect(paths(sim)).toEqual(['POST /1/items/edit 200']);
  });
});

describe('BASE refuses the whole call for one unknown variation', () => {
  it('reads the item once, fails the missing variation NotFound and sends the rest again', async () => {
    const refs = seedRefs(sim, item(100, 11, 3));
    sim.faults.deleteVariant(refs[1]);
    const out = await connect(sim).writeStock(refs.map((r) => ({ ...r, target: Q(4) })));
    expect(outcomeNames(out)).toEqual(['written', 'NotFound', 'written']);
    expect(paths(sim)).toEqual(['POST /1/items/edit 400', 'GET /1/items/detail/100 200', 'POST /1/items/edit 200']);
    expect(v(100, 11).variation_stock).toBe(4);
  });

  it('an unknown item is NotFound for each of its variations (bad_item_id), other items still written', async () => {
    sim.seed([item(101, 21, 1)]);
    const out = await connect(sim).writeStock([
      { externalProductId: '999', externalVariantId: '1', target: O },
      { externalProductId: '101', externalVariantId: '21', target: O },
    ]);
    expect(outcomeNames(out)).toEqual(['NotFound', 'written']);
  });

  it("digital-content items cannot be edited through the API: Rejected with BASE's reason", async () => {
    sim.seed([item(100, 11, 1)]);
    sim.state.items.get(100)!.kind = 'digital';
    const [o] = await connect(sim).writeStock([{ externalProductId: '100', externalVariantId: '11', target: O }]);
    expect((o as { error: Error }).error).toBeInstanceOf(Rejected);
    expect((o as { error: Error }).error.message).toMatch(/invalid_request: デジタルコンテンツ/);
  });

  it('write endpoints answer other methods with not_post_method', async () => {
    expect(await call(sim, 'GET', '/1/items/edit')).toEqual({
      status: 400,
      body: { error: 'not_post_method', error_description: 'POSTで送信してください。' },
    });
  });
});

describe('auth and limits (every BASE error is HTTP 400)', () => {
  it('verify is one GET /1/users/me; a wrong token is an AuthError from invalid_request', async () => {
    await connect(sim).verify();
    expect(paths(sim)).toEqual(['GET /1/users/me 200']);
    const err = await connect(sim, { accessToken: 'base_wrong_token_do_not_leak' })
      .verify()
      .catch((e) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toMatch(/アクセストークンが無効です/);
    expect(JSON.stringify({ m: err.message, d: err.details })).not.toContain('base_wrong_token_do_not_leak');
  });

  it('a token without write_items fails every write with AuthError (invalid_scope) after one call', async () => {
    sim.seed([item(100, 11, 1), item(101, 21, 1)]);
    sim.state.scopes.delete('write_items');
    const out = await connect(sim).writeStock([
      { externalProductId: '100', externalVariantId: '11', target: O },
      { externalProductId: '101', externalVariantId: '21', target: O },
    ]);
    expect(out.every((o) => o.status === 'failed' && o.error instanceof AuthError && /invalid_scope/.test(o.error.message))).toBe(true);
    expect(sim.requests).toHaveLength(1);
  });

  it('hour_api_limit without Retry-After waits for the top of the hour; day_api_limit for the next day in Japan', () => {
    const now = Date.UTC(2026, 0, 1, 14, 59, 30); // 23:59:30 JST
    const hour = classifyBaseResponse({ status: 400, headers: {}, data: { error: 'hour_api_limit', error_description: '…' } }, now)?.error;
    expect(hour).toBeInstanceOf(RateLimited);
    expect((hour as RateLimited).retryAfterMs).toBe(30_000);
    const day = classifyBaseResponse({ status: 400, headers: {}, data: { error: 'day_api_limit', error_description: '…' } }, now)?.error;
    expect((day as RateLimited).retryAfterMs).toBe(30_000);
    expect(msUntilNextHour(Date.UTC(2026, 0, 1, 3, 0, 0))).toBe(3_600_000);
    expect(msUntilNextJstDay(Date.UTC(2026, 0, 1, 15, 0, 0))).toBe(24 * 3_600_000);
  });

  it('a limit answer far from the reset fails fast as RateLimited without hammering (SDK maxRetryAfterMs)', async () => {
    sim.seed([item(100, 11, 1), item(101, 21, 1)]);
    // The sandbox's throttled answer with a one-hour Retry-After: the client must not sleep through it.
    sim.faults.rateLimit(1, 3600);
    const out = await connect(sim).writeStock([
      { externalProductId: '100', externalVariantId: '11', target: O },
      { externalProductId: '101', externalVariantId: '21', target: O },
    ]);
    expect(out.every((o) => o.status === 'failed' && o.error instanceof RateLimited)).toBe(true);
    expect(paths(sim)).toEqual(['POST /1/items/edit 400']);
  });
});
