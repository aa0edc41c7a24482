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
