import type { PluginNotices } from '@stock-sync/plugin-sdk';
import { checkedRefs, parsedNotice } from '../../src/notices/notice-body';

describe('checkedRefs: what a plugin names, held to the contract', () => {
  it('keeps variant refs (with or without their product) and product-only refs, duplicates once', () => {
    expect(
      checkedRefs([
        { externalVariantId: '7' },
        { externalVariantId: '7', externalProductId: '1' },
        { externalProductId: '1' },
        { externalProductId: '1' },
        { externalVariantId: '7' },
      ]),
    ).toEqual([{ externalVariantId: '7' }, { externalVariantId: '7', externalProductId: '1' }, { externalProductId: '1' }]);
    expect(checkedRefs([])).toEqual([]);
  });

  it('refuses a ref naming nothing, empty or non-string ids, and anything but a list', () => {
    for (const bad of [
      [{}],
      [{ externalVariantId: '' }],
      [{ externalProductId: '' }],
      [{ externalVariantId: 7 }],
      [null],
      [{ externalVariantId: '7', externalProductId: 1 }],
    ])
      expect(() => checkedRefs(bad)).toThrow();
    expect(() => checkedRefs({ externalVariantId: '7' })).toThrow();
  });

  it("keeps a variant ref's shown (plugin API 1.6) as a clean TargetStock, the sold-out and unlimited forms too", () => {
    expect(
      checkedRefs([
        { externalVariantId: '7', externalProductId: '1', shown: { kind: 'quantity', quantity: 3, extra: true } },
        { externalVariantId: '8', shown: { kind: 'out_of_stock' } },
        { externalVariantId: '9', shown: { kind: 'unlimited', quantity: 4 } },
        { externalVariantId: '10', shown: { kind: 'quantity', quantity: 0 } },
        { externalVariantId: '11', shown: undefined },
      ]),
    ).toEqual([
      { externalVariantId: '7', externalProductId: '1', shown: { kind: 'quantity', quantity: 3 } },
      { externalVariantId: '8', shown: { kind: 'out_of_stock' } },
      { externalVariantId: '9', shown: { kind: 'unlimited' } },
      { externalVariantId: '10', shown: { kind: 'quantity', quantity: 0 } },
      { externalVariantId: '11' },
    ]);
  });

  it('refuses a malformed shown, and shown on a product-only ref', () => {
    for (const shown of [
      null,
      5,
      'out_of_stock',
      {},
      { kind: 'lots' },
      { kind: 'quantity' },
      { kind: 'quantity', quantity: -1 },
      { kind: 'quantity', quantity: 1.5 },
      { kind: 'quantity', quantity: '3' },
      { kind: 'quantity', quantity: Number.NaN },
    ])
      expect(() => checkedRefs([{ externalVariantId: '7', shown }])).toThrow(/shown/);
    expect(() => checkedRefs([{ externalProductId: '1', shown: { kind: 'out_of_stock' } }])).toThrow(/product-only/);
  });

  it('the same variant named twice saying different things keeps it without shown (it is read back)', () => {
    const q = (quantity: number) => ({ kind: 'quantity', quantity });
    expect(
      checkedRefs([
        { externalVariantId: '7', shown: q(3) },
        { externalVariantId: '7', shown: q(3) },
        { externalVariantId: '8', shown: q(3) },
        { externalVariantId: '8', shown: q(4) },
        { externalVariantId: '9', shown: q(3) },
        { externalVariantId: '9' },
        { externalVariantId: '10' },
        { externalVariantId: '10', shown: q(3) },
      ]),
    ).toEqual([
      { externalVariantId: '7', shown: q(3) },
      { externalVariantId: '8' },
      { externalVariantId: '9' },
      { externalVariantId: '10' },
    ]);
  });

  it('takes at most 5 000 refs from one notice', () => {
    expect(checkedRefs(Array.from({ length: 6000 }, (_, i) => ({ externalVariantId: String(i) })))).toHaveLength(5000);
  });
});

describe('parsedNotice', () => {
  const notices = (storeOf?: PluginNotices['storeOf']): PluginNotices => ({
    topics: ['t'],
    verify: () => true,
    refs: (body) => [{ externalVariantId: String((body as { id: number }).id) }],
    ...(storeOf ? { signedWith: 'app' as const, storeOf } : {}),
  });
  const req = (text: string) => ({ headers: {}, rawBody: Buffer.from(text) });

  it('parses JSON and reads the refs and, with storeOf, the store', () => {
    expect(parsedNotice(notices(), req('{"id":5}'))).toEqual({ refs: [{ externalVariantId: '5' }] });
    expect(
      parsedNotice(
        notices(() => 'shop-1'),
        req('{"id":5}'),
      ),
    ).toEqual({ refs: [{ externalVariantId: '5' }], externalStoreId: 'shop-1' });
  });

  it('is invalid for what is not JSON, a plugin that throws, or no store where one is needed', () => {
    expect(parsedNotice(notices(), req('not json'))).toEqual({ invalid: true });
    expect(
      parsedNotice(
        {
          ...notices(),
          refs: () => {
            throw new Error('x');
          },
        },
        req('{}'),
      ),
    ).toEqual({ invalid: true });
    expect(
      parsedNotice(
        notices(() => undefined),
        req('{"id":5}'),
      ),
    ).toEqual({ invalid: true });
    expect(
      parsedNotice(
        notices(() => '  '),
        req('{"id":5}'),
      ),
    ).toEqual({ invalid: true });
  });
});

describe('parsedNotice: the signed event id', () => {
  const withId = (noticeId: PluginNotices['noticeId']): PluginNotices => ({ topics: ['t'], verify: () => true, refs: () => [], noticeId });
  const req = { headers: {}, rawBody: Buffer.from('{"eventId":"e-1"}') };
  it('is read where the plugin names one; a notice without it is invalid', () => {
    expect(
      parsedNotice(
        withId((b) => (b as { eventId?: string }).eventId),
        req,
      ),
    ).toEqual({ refs: [], noticeId: 'e-1' });
    expect(
      parsedNotice(
        withId(() => undefined),
        req,
      ),
    ).toEqual({ invalid: true });
    expect(
      parsedNotice(
        withId(() => ' '),
        req,
      ),
    ).toEqual({ invalid: true });
  });
});
