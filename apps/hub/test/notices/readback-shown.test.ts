/**
 * A notice that outran the hub's record of its own write (a chunk is recorded after all its calls): it is marked,
 * with what it said the variant shows (`readback_shown`) while the notices since the last read-back agree; when
 * the `notice` run starts (dropEchoedMarks), a mark whose shown is what the hub has since recorded as written is
 * dropped — no platform call. A mark whose notices disagreed, or said nothing, stays for the read-back. Real
 * database, the plugin stubbed (as in notice-shown.test.ts).
 */
import { createHmac } from 'node:crypto';
import type { IntegrationPlugin, NoticeRef, PluginNotices, TargetStock } from '@stock-sync/plugin-sdk';
import { CredentialCipher } from '../../src/crypto/credential-cipher';
import { sealNoticeSecret } from '../../src/notices/notice-secret';
import { NoticesService } from '../../src/notices/notices.service';
import type { ConnectionFactory } from '../../src/plugins/connection-factory.service';
import type { PluginRegistry } from '../../src/plugins/plugin-registry.service';
import type { HubPublicUrl } from '../../src/oauth/hub-public-url';
import { dropEchoedMarks } from '../../src/sync/sync-records';
import { describeHub } from '../support/hub-harness';
import { createStore, POD, putCatalog, putSyncVariants } from '../support/scenario';

const PLATFORM = 'demo-shop';
const SECRET = 'test-store-notice-secret-not-real';
const Q = (quantity: number): TargetStock => ({ kind: 'quantity', quantity });
const sign = (body: string) => createHmac('sha256', SECRET).update(body).digest('base64');
const NOTICES: PluginNotices = {
  topics: ['product.updated'],
  verify: (req) => req.headers['x-signature'] === sign(Buffer.from(req.rawBody).toString('utf8')),
  refs: (body) => (body as { refs: NoticeRef[] }).refs,
};
const PLUGIN = { manifest: { id: PLATFORM, displayName: 'Demo', contractVersion: 1 }, notices: NOTICES } as unknown as IntegrationPlugin;

describeHub('read-back marks of notices that outran the record of the hub’s own write', (hub) => {
  let storeId = '';
  let event = 0;
  let service: NoticesService;

  beforeAll(async () => {
    await putCatalog(hub(), [POD(7401), POD(7402), POD(7403), POD(7404)]);
    storeId = await createStore(hub(), { sellingRegion: 'north_america', name: 'echoes' });
    await putSyncVariants(hub(), storeId, [
      { externalProductId: 'P1', externalVariantId: 'ECHO', catalogVariantId: 7401 },
      { externalProductId: 'P1', externalVariantId: 'EDIT', catalogVariantId: 7402 },
      { externalProductId: 'P1', externalVariantId: 'TWO', catalogVariantId: 7403 },
      { externalProductId: 'P1', externalVariantId: 'BARE', catalogVariantId: 7404 },
    ]);
    await hub().sql(`UPDATE sync_variants SET last_written = $2::jsonb WHERE store_id = $1`, [storeId, JSON.stringify(Q(5))]);
    await hub().sql(`UPDATE stores SET notice_secret = $2 WHERE id = $1`, [
      storeId,
      sealNoticeSecret(hub().app.get(CredentialCipher), storeId, SECRET),
    ]);
    service = new NoticesService(
      hub().db,
      { get: (id: string) => (id === PLATFORM ? PLUGIN : undefined) } as unknown as PluginRegistry,
      hub().app.get(CredentialCipher),
      { appFor: () => undefined } as unknown as ConnectionFactory,
      { origin: () => 'https://hub.example.test' } as unknown as HubPublicUrl,
    );
  });
  afterAll(() => service?.onModuleDestroy());

  const deliver = async (refs: NoticeRef[]) => {
    const body = JSON.stringify({ event: ++event, refs });
    const out = await service.receive(PLATFORM, storeId, { headers: { 'x-signature': sign(body) }, rawBody: Buffer.from(body) });
    expect(out.status).toBe(202);
  };
  const marks = async () =>
    Object.fromEntries(
      (
        await hub().sql<{ v: string; shown: TargetStock | null }>(
          `SELECT external_variant_id AS v, readback_shown AS shown FROM sync_variants
           WHERE store_id = $1 AND readback_requested_at IS NOT NULL ORDER BY 1`,
          [storeId],
        )
      ).map((r) => [r.v, r.shown]),
    );

  it('keeps what agreeing notices said, forgets it when they disagree or one says nothing, and drops echoes at the run', async () => {
    // The hub is writing 9 everywhere; its echoes arrive before it records the chunk (last_written still 5).
    await deliver([{ externalVariantId: 'ECHO', shown: Q(9) }]);
    await deliver([{ externalVariantId: 'ECHO', shown: Q(9) }]); // WooCommerce may notify one save twice
    await deliver([{ externalVariantId: 'EDIT', shown: Q(9) }]);
    await deliver([{ externalVariantId: 'EDIT', shown: Q(2) }]); // …then the merchant set 2: they disagree
    await deliver([{ externalVariantId: 'TWO', shown: Q(9) }, { externalVariantId: 'TWO' }]); // one of its refs says nothing
    await deliver([{ externalVariantId: 'BARE' }]);
    expect(await marks()).toEqual({ BARE: null, ECHO: Q(9), EDIT: null, TWO: null });

    // The hub records its chunk (9 written), then the notice run starts.
    await hub().sql(`UPDATE sync_variants SET last_written = $2::jsonb WHERE store_id = $1`, [storeId, JSON.stringify(Q(9))]);
    const [run] = await hub().sql<{ id: string }>(
      `INSERT INTO sync_runs (store_id, trigger, dry_run, "full", status, started_at)
       VALUES ($1, 'notice', false, false, 'running', now()) RETURNING id`,
      [storeId],
    );
    await dropEchoedMarks(hub().db.manager, run!.id, storeId);
    expect(await marks()).toEqual({ BARE: null, EDIT: null, TWO: null }); // only the echo is gone
  });

  it('keeps a mark newer than the run, and a mark whose shown the hub has not written', async () => {
    await hub().sql(`UPDATE sync_variants SET readback_requested_at = NULL, readback_shown = NULL WHERE store_id = $1`, [storeId]);
    const [run] = await hub().sql<{ id: string }>(
      `INSERT INTO sync_runs (store_id, trigger, dry_run, "full", status, started_at)
       VALUES ($1, 'notice', false, false, 'running', now() - interval '1 minute') RETURNING id`,
      [storeId],
    );
    await deliver([{ externalVariantId: 'ECHO', shown: Q(4) }]); // shown ≠ last written (9): stays
    await hub().sql(`UPDATE sync_variants SET last_written = $3::jsonb WHERE store_id = $1 AND external_variant_id = $2`, [
      storeId,
      'EDIT',
      JSON.stringify(Q(3)),
    ]);
    await deliver([{ externalVariantId: 'EDIT', shown: Q(9) }]); // came in after the run started: the next run's
    await hub().sql(`UPDATE sync_variants SET last_written = $3::jsonb WHERE store_id = $1 AND external_variant_id = $2`, [
      storeId,
      'EDIT',
      JSON.stringify(Q(9)),
    ]);
    await dropEchoedMarks(hub().db.manager, run!.id, storeId);
    expect(await marks()).toEqual({ ECHO: Q(4), EDIT: Q(9) });
  });
});
