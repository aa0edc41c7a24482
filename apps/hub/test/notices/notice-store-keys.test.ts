/**
 * The stores' notice keys kept for a few seconds (notice-store-keys.ts): the second notice of a store reads no
 * store row; a store given a new secret by another process still verifies (read afresh once); a store removed
 * meanwhile is refused as unknown, nothing recorded, no 500. Real database, the plugin stubbed
 * (support/refs-plugin.ts); and the cache's own rules.
 */
import { createHmac } from 'node:crypto';
import { CredentialCipher } from '../../src/crypto/credential-cipher';
import { sealNoticeSecret } from '../../src/notices/notice-secret';
import { NoticeStoreKeys } from '../../src/notices/notice-store-keys';
import type { NoticesService } from '../../src/notices/notices.service';
import { describeHub } from '../support/hub-harness';
import { createStore, POD, putCatalog, putSyncVariants } from '../support/scenario';
import { REFS_PLATFORM, refsNotices } from './support/refs-plugin';

describe('NoticeStoreKeys', () => {
  it('serves a key until its time is up, forgets on demand, and drops the oldest entry when full', () => {
    let now = 1_000;
    const keys = new NoticeStoreKeys(100, 2, () => now);
    keys.set('a', { platform: 'p', secret: 'sa' });
    now += 99;
    expect(keys.get('a')).toEqual({ platform: 'p', secret: 'sa' });
    now += 1;
    expect(keys.get('a')).toBeUndefined();
    keys.set('a', { platform: 'p', secret: 'sa' });
    keys.set('b', { platform: 'p', secret: undefined });
    keys.set('c', { platform: 'q', secret: 'sc' }); // full: 'a', the oldest, goes
    expect([keys.get('a'), keys.get('b'), keys.get('c')]).toEqual([
      undefined,
      { platform: 'p', secret: undefined },
      { platform: 'q', secret: 'sc' },
    ]);
    keys.set('b', { platform: 'p', secret: 'new' }); // set again: now the newest
    keys.set('d', { platform: 'p', secret: 'sd' }); // 'c' is the oldest now
    expect([keys.get('b')?.secret, keys.get('c'), keys.get('d')?.secret]).toEqual(['new', undefined, 'sd']);
    keys.forget('d');
    expect(keys.get('d')).toBeUndefined();
  });
});

describeHub('a store’s notice key, read once for the notices that follow', (hub) => {
  let storeId = '';
  let service: NoticesService;
  let deliver: (refs: { externalVariantId: string }[]) => ReturnType<NoticesService['receive']>;

  beforeAll(async () => {
    await putCatalog(hub(), [POD(7501)]);
    storeId = await createStore(hub(), { sellingRegion: 'north_america', name: 'keys' });
    await putSyncVariants(hub(), storeId, [{ externalProductId: 'P', externalVariantId: 'V', catalogVariantId: 7501 }]);
    ({ service, deliver } = await refsNotices(hub(), storeId));
  });
  afterAll(() => service?.onModuleDestroy());

  it('reads the store for the first notice only', async () => {
    expect((await deliver([{ externalVariantId: 'V' }])).status).toBe(202);
    const before = hub().statements();
    expect((await deliver([{ externalVariantId: 'V' }])).status).toBe(202);
    expect(hub().statements() - before).toBe(1); // the record statement alone
  });

  it('verifies with the store read afresh when another process gave it a new secret', async () => {
    await deliver([{ externalVariantId: 'V' }]); // the old secret is remembered
    const fresh = 'a-new-notice-secret-not-real';
    await hub().sql(`UPDATE stores SET notice_secret = $2 WHERE id = $1`, [
      storeId,
      sealNoticeSecret(hub().app.get(CredentialCipher), storeId, fresh),
    ]);
    const body = JSON.stringify({ event: 'fresh-1', refs: [{ externalVariantId: 'V' }] });
    const signed = createHmac('sha256', fresh).update(body).digest('base64');
    const outcome = await service.receive(REFS_PLATFORM, storeId, { headers: { 'x-signature': signed }, rawBody: Buffer.from(body) });
    expect(outcome.status).toBe(202);
    const forged = JSON.stringify({ event: 'fresh-2', refs: [] });
    const refusedOne = await service.receive(REFS_PLATFORM, storeId, {
      headers: { 'x-signature': createHmac('sha256', 'not-the-secret').update(forged).digest('base64') },
      rawBody: Buffer.from(forged),
    });
    expect(refusedOne).toMatchObject({ status: 401, body: { error: 'invalid_signature' } });
  });

  it('refuses a notice for a store removed since its key was read, recording nothing', async () => {
    const gone = await createStore(hub(), { sellingRegion: 'north_america', name: 'gone soon' });
    const { service: other, deliver: toGone } = await refsNotices(hub(), gone);
    try {
      expect((await toGone([])).status).toBe(202); // its key is now remembered
      await hub().sql(`DELETE FROM stores WHERE id = $1`, [gone]);
      expect(await toGone([])).toMatchObject({
        status: 401,
        body: { error: 'invalid_signature', message: expect.stringContaining('unknown store') },
      });
      expect(await hub().sql(`SELECT 1 FROM platform_notices WHERE store_id = $1`, [gone])).toHaveLength(0);
    } finally {
      other.onModuleDestroy();
    }
  });
});
