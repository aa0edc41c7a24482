/**
 * A stub plugin whose notices carry their refs as they are (`{ refs: [...] }`), signed with the store's notice
 * secret (base64 HMAC-SHA256 of the body), and a NoticesService wired to it on the test hub's real database: for
 * the tests of what the hub records and marks for a notice's refs (notice-shown, readback-shown).
 */
import { createHmac } from 'node:crypto';
import type { IntegrationPlugin, NoticeRef, PluginNotices, TargetStock } from '@stock-sync/plugin-sdk';
import { CredentialCipher } from '../../../src/crypto/credential-cipher';
import { sealNoticeSecret } from '../../../src/notices/notice-secret';
import { NoticesService } from '../../../src/notices/notices.service';
import type { ConnectionFactory } from '../../../src/plugins/connection-factory.service';
import type { PluginRegistry } from '../../../src/plugins/plugin-registry.service';
import type { HubPublicUrl } from '../../../src/oauth/hub-public-url';
import type { TestHub } from '../../support/hub-harness';

export const REFS_PLATFORM = 'demo-shop';
const SECRET = 'test-store-notice-secret-not-real';

export const signRefs = (body: string): string => createHmac('sha256', SECRET).update(body).digest('base64');

const NOTICES: PluginNotices = {
  topics: ['product.updated'],
  verify: (req) => req.headers['x-signature'] === createHmac('sha256', req.secret).update(Buffer.from(req.rawBody)).digest('base64'),
  refs: (body) => (body as { refs: NoticeRef[] }).refs,
};
const PLUGIN = {
  manifest: { id: REFS_PLATFORM, displayName: 'Demo', contractVersion: 1 },
  notices: NOTICES,
} as unknown as IntegrationPlugin;

/** Gives the store its notice secret and answers the service plus a `deliver(refs)` of new (never replayed) notices. */
export async function refsNotices(hub: TestHub, storeId: string) {
  await hub.sql(`UPDATE stores SET notice_secret = $2 WHERE id = $1`, [
    storeId,
    sealNoticeSecret(hub.app.get(CredentialCipher), storeId, SECRET),
  ]);
  const service = new NoticesService(
    hub.db,
    { get: (id: string) => (id === REFS_PLATFORM ? PLUGIN : undefined) } as unknown as PluginRegistry,
    hub.app.get(CredentialCipher),
    { appFor: () => undefined } as unknown as ConnectionFactory,
    { origin: () => 'https://hub.example.test' } as unknown as HubPublicUrl,
  );
  let event = 0;
  const deliver = (refs: NoticeRef[]) => {
    const body = JSON.stringify({ event: ++event, refs });
    return service.receive(REFS_PLATFORM, storeId, { headers: { 'x-signature': signRefs(body) }, rawBody: Buffer.from(body) });
  };
  return { service, deliver };
}

/** The store's variants marked for a read-back, by external variant id, with what their notices said they show. */
export async function readBackMarks(hub: TestHub, storeId: string): Promise<Record<string, TargetStock | null>> {
  const rows = await hub.sql<{ v: string; shown: TargetStock | null }>(
    `SELECT external_variant_id AS v, readback_shown AS shown FROM sync_variants
     WHERE store_id = $1 AND readback_requested_at IS NOT NULL ORDER BY 1`,
    [storeId],
  );
  return Object.fromEntries(rows.map((r) => [r.v, r.shown]));
}
