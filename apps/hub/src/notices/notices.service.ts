/**
 * Receiving a platform notice (issue 13): POST /hooks/:platform/:storeId (a store's own URL, what the hub
 * subscribes) and POST /hooks/:platform (the one URL some platforms take in the app's settings).
 *
 * Order of checks — nothing is parsed and nothing written before the signature holds:
 *  1. the platform has a loaded plugin with a `notices` part; on a store's URL the store exists on that
 *     platform, on the platform's URL the plugin names stores (`storeOf`); the key the notice must be signed
 *     with is known — on a store's URL the one the plugin's `signedWith` names (the store's notice secret or
 *     subscription key, or the app's key), on the platform's URL always the app's key (plugin API 1.5: a
 *     plugin signed per store or per subscription may also receive its app's notices there, Square's OAuth
 *     sellers) — the app's key being its `noticeKey` when configured, else its client secret — else 401 (a
 *     store's platform and secret, read for one notice, serve its next ones for a few seconds: notice-store-keys.ts);
 *  2. an unsigned test delivery the plugin recognises (`isPing`) → 200, nothing recorded;
 *  3. the plugin verifies the signature on the raw bytes (with the delivery URL, and the app for key pairs) —
 *     else 401;
 *  4. the body is parsed (JSON); the plugin names the variants it concerns and, on the platform's URL, the
 *     store (`storeOf`, matched to the install flow's external store id) — else 400; a store the hub does not
 *     know → 401;
 *  5. one statement per store — shared with the other notices that arrive meanwhile (group commit,
 *     notice-records.ts): the notice is recorded by its replay key — the same signed body again is a
 *     replay: 401, nothing changed — and the store's synced variants it names are marked for a read-back
 *     (`readback_requested_at`), except those whose ref says what the variant now shows (`shown`, plugin API
 *     1.6: WooCommerce, Webflow) when that is what the hub last wrote to it (`showsSame`, as reconciliation
 *     compares: 0 and sold out are one). Such a notice is the platform echoing the hub's own write (issues 13,
 *     10): recorded, and it costs no platform call. A marked variant keeps what its notices said while they agree
 *     (`readback_shown`): the notice run drops the mark if the hub has since recorded writing just that.
 * After a short debounce ONE queued `notice` run of the store is created (when some variant is marked and none is
 * queued) and the queue woken, so a flood of notices is coalesced into one targeted read-back. The run
 * itself is the ordinary run executor reading back the marked variants (sync-run-executor.ts), which applies
 * the store's drift policy; a notice of the hub's own write without `shown` finds the platform showing what the
 * hub last wrote: no drift, nothing written.
 */
import { Inject, Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { InboundRequest, NoticeRef, NoticeRequest, NoticeSigner, OAuthApp, PluginNotices } from '@stock-sync/plugin-sdk';
import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { platformEnvKey } from '../config/oauth-config';
import { CredentialCipher } from '../crypto/credential-cipher';
import { GroupCommit } from '../database/group-commit';
import { queryOne, queryRows } from '../database/sql';
import { SHOWS_SAME_SQL } from '../sync/shows-same-sql';
import { withTransactionRetry } from '../database/transaction-retry';
import { HubPublicUrl } from '../oauth/hub-public-url';
import { parseBody } from '../oauth/inbound-request';
import { UninstallService } from '../oauth/uninstall.service';
import { ConnectionFactory } from '../plugins/connection-factory.service';
import { PluginRegistry } from '../plugins/plugin-registry.service';
import type { SyncQueue } from '../sync/sync-queue';
import { SYNC_QUEUE_TOKEN } from '../sync/sync-tokens';
import { parsedNotice } from './notice-body';
import { openNoticeSecret } from './notice-secret';
import { recordNotices, type NoticeRecorded, type NoticeToRecord } from './notice-records';
import { NoticeStoreKeys, type NoticeStoreKey } from './notice-store-keys';
import { noticeDeliveryUrl } from './notice-urls';

/** How long a store's notice key read for one notice serves the next ones. */
export const NOTICE_KEY_TTL_MS = 10_000;
/** Quiet time after a store's last notice before its read-back run is queued (more notices join it)… */
export const NOTICE_DEBOUNCE_MS = 250;
/** …but never later than this after its first notice (a steady stream still gets read back). */
export const NOTICE_MAX_WAIT_MS = 1000;

export type NoticeOutcome =
  | { status: 202; body: { accepted: true; marked: number } }
  | { status: 200; body: { ping: true } | { paused: number } }
  | { status: 400; body: { error: 'validation_failed'; details: { path: string; message: string }[] } }
  | { status: 401; body: { error: 'invalid_signature' | 'replayed'; message: string } };

type Inbound = Omit<NoticeRequest, 'secret' | 'deliveryUrl' | 'app'>;
/** The key a notice must be signed with, or why there is none. */
type SigningKey = { secret: string; app?: OAuthApp } | { refused: NoticeOutcome };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const refused = (message: string): NoticeOutcome => ({ status: 401, body: { error: 'invalid_signature', message } });

@Injectable()
export class NoticesService implements OnModuleDestroy {
  private readonly log = new Logger('Notices');
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; first: number }>();
  /** Stores' notice keys, read at most every few seconds per store (notice-store-keys.ts). */
  private readonly storeKeys = new NoticeStoreKeys(NOTICE_KEY_TTL_MS, 50_000);
  /** Notices that arrive while earlier ones are being written are recorded together (one statement a batch). */
  private readonly recorder = new GroupCommit<NoticeToRecord, NoticeRecorded>((batch) =>
    withTransactionRetry(() => recordNotices(this.db.manager, batch)),
  );

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: PluginRegistry,
    private readonly cipher: CredentialCipher,
    private readonly connections: ConnectionFactory,
    private readonly publicUrl: HubPublicUrl,
    @Optional() @Inject(SYNC_QUEUE_TOKEN) private readonly queue?: SyncQueue,
    @Optional() private readonly uninstalls?: UninstallService,
  ) {}

  /** A notice delivered to a store's own URL. */
  async receive(platform: string, storeId: string, req: Inbound): Promise<NoticeOutcome> {
    const notices = this.registry.get(platform)?.notices;
    if (!notices) return refused(`no integration "${platform}" that receives platform notices is loaded`);
    if (!UUID.test(storeId)) return refused('unknown store');
    let store = this.storeKeys.get(storeId);
    const cached = store !== undefined;
    store ??= await this.readStoreKey(storeId);
    if (!store || store.platform !== platform) return refused('unknown store');
    if (isPing(notices, req)) return { status: 200, body: { ping: true } };
    const deliveryUrl = noticeDeliveryUrl(this.publicUrl.origin(), platform, storeId);
    const check = (k: NoticeStoreKey) => {
      const key = this.keyFor(platform, notices.signedWith ?? 'store', () => k.secret);
      return 'refused' in key ? key.refused : this.verified(notices, req, key, deliveryUrl);
    };
    let refusal = check(store);
    if (refusal && cached && (notices.signedWith ?? 'store') !== 'app') {
      // The store may have a new secret since it was read: verify once more with it.
      store = await this.readStoreKey(storeId);
      if (!store || store.platform !== platform) return refused('unknown store');
      refusal = check(store);
    }
    if (refusal) return refusal;
    const parsed = parsedNotice(notices, req);
    if ('invalid' in parsed) return invalidBody();
    return this.record(platform, [storeId], parsed.refs, replayKey(notices, req.rawBody, parsed.noticeId));
  }

  /** The store's platform and opened notice secret (ONE query), remembered for a few seconds; undefined: no such store. */
  private async readStoreKey(storeId: string): Promise<NoticeStoreKey | undefined> {
    const row = await queryOne<{ platform: string; notice_secret: Uint8Array | null }>(
      this.db.manager,
      `SELECT platform, notice_secret FROM stores WHERE id = $1`,
      [storeId],
    );
    if (!row) {
      this.storeKeys.forget(storeId);
      return undefined;
    }
    const key = {
      platform: row.platform,
      secret: row.notice_secret ? openNoticeSecret(this.cipher, storeId, row.notice_secret) : undefined,
    };
    this.storeKeys.set(storeId, key);
    return key;
  }

  /** A notice delivered to the platform's one URL (set in the app's settings): the plugin names the store. */
  async receiveForPlatform(platform: string, req: Inbound): Promise<NoticeOutcome> {
    const plugin = this.registry.get(platform);
    const notices = plugin?.notices;
    if (!notices) return refused(`no integration "${platform}" that receives platform notices is loaded`);
    // A plugin that names no store has no use for this URL; one that does is verified with the app's key here,
    // whatever its store URLs are signed with (plugin API 1.5).
    if (!notices.storeOf) {
      return refused(`${plugin.manifest.displayName} delivers notices to each store's own URL (/hooks/${platform}/<store id>)`);
    }
    // The app's one URL also receives the platform's uninstall event (Ecwid, TikTok Shop, Big Cartel): verified
    // by the plugin's install flow, it pauses the store as the uninstall route does.
    const uninstalled = await this.uninstalls?.handleIfUninstall(platform, asInboundRequest(req));
    if (uninstalled) return { status: 200, body: uninstalled };
    if (isPing(notices, req)) return { status: 200, body: { ping: true } };
    const key = this.keyFor(platform, 'app', () => undefined);
    if ('refused' in key) return key.refused;
    const verified = this.verified(notices, req, key, noticeDeliveryUrl(this.publicUrl.origin(), platform));
    if (verified) return verified;
    const parsed = parsedNotice(notices, req);
    if ('invalid' in parsed || !parsed.externalStoreId) return invalidBody();
    const stores = await queryRows<{ id: string }>(
      this.db.manager,
      `SELECT id::text AS id FROM stores WHERE platform = $1 AND external_store_id = $2 ORDER BY id`,
      [platform, parsed.externalStoreId],
    );
    if (stores.length === 0) return refused('unknown store');
    return this.record(
      platform,
      stores.map((s) => s.id),
      parsed.refs,
      replayKey(notices, req.rawBody, parsed.noticeId),
    );
  }

  /**
   * The key of `signer`: the app's (its noticeKey, else its client secret, with the app for key pairs), or the
   * store's stored secret ('store', 'subscription'). The caller names the signer: the plugin's `signedWith` on a
   * store's URL, 'app' on the platform's URL.
   */
  private keyFor(platform: string, signer: NoticeSigner, storeSecret: () => string | undefined): SigningKey {
    if (signer === 'app') {
      const app = this.connections.appFor(platform);
      if (!app) {
        const v = `HUB_OAUTH_${platformEnvKey(platform)}`;
        return {
          refused: refused(
            `no ${platform} app is configured (${v}_CLIENT_ID, ${v}_CLIENT_SECRET, and ${v}_NOTICE_KEY where the platform signs with a key of its own): its notices cannot be verified`,
          ),
        };
      }
      return { secret: app.noticeKey ?? app.clientSecret, app };
    }
    const secret = storeSecret();
    if (!secret) return { refused: refused('the store has no notice secret (not subscribed to platform notices)') };
    return { secret };
  }

  /** undefined when the signature holds; the 401 otherwise (a plugin's throw is a refusal). */
  private verified(notices: PluginNotices, req: Inbound, key: { secret: string; app?: OAuthApp }, deliveryUrl: string) {
    let ok: boolean;
    try {
      ok = notices.verify({ ...req, secret: key.secret, deliveryUrl, ...(key.app ? { app: key.app } : {}) }) === true;
    } catch {
      ok = false;
    }
    return ok ? undefined : refused("the notice's signature is missing or does not verify with the key it must be signed with");
  }

  /**
   * Per store, the notice is recorded by its replay key (the same signed body again is a replay and changes
   * nothing) and the synced variants it names are marked for a read-back — together with the notices that arrived
   * meanwhile, in one statement (notice-records.ts).
   */
  private async record(platform: string, storeIds: string[], refs: NoticeRef[], digest: string): Promise<NoticeOutcome> {
    const answers = await Promise.all(storeIds.map((storeId) => this.recorder.submit({ storeId, platform, digest, refs })));
    let marked = 0;
    let fresh = 0;
    let gone = 0;
    answers.forEach((a, i) => {
      const storeId = storeIds[i];
      if (!a.store) {
        this.storeKeys.forget(storeId);
        gone++;
      } else if (!a.recorded) {
        this.log.warn(JSON.stringify({ event: 'platform_notice_replayed', storeId, platform }));
      } else {
        fresh++;
        marked += a.marked;
        if (a.marked) this.wakeSoon(storeId, platform);
        // A notice that marked nothing (the echo of the hub's own write, or of variants it does not sync): at debug — a busy
        // platform sends one per written variant (WooCommerce: 250 000 in one change at 10 000 stores, issue 10);
        // platform_notices keeps every one, and /metrics counts the requests.
        const line = JSON.stringify({ event: 'platform_notice', storeId, platform, refs: refs.length, marked: a.marked });
        if (a.marked) this.log.log(line);
        else this.log.debug(line);
      }
    });
    if (gone === storeIds.length) return refused('unknown store');
    if (fresh === 0) {
      return { status: 401, body: { error: 'replayed', message: 'this signed notice was received before: nothing was changed' } };
    }
    return { status: 202, body: { accepted: true, marked } };
  }

  /**
   * Debounced per store (trailing, NOTICE_DEBOUNCE_MS after the last notice, at most NOTICE_MAX_WAIT_MS after
   * the first): then ONE queued `notice` run is created — unless one is queued already — and the queue is
   * woken. The marks are the durable part: a process stopped before its timer fires leaves them for the
   * store's next notice run or its reconciliation (which reads every variant back and clears them).
   */
  private wakeSoon(storeId: string, platform: string): void {
    const now = Date.now();
    const pending = this.timers.get(storeId);
    if (pending) clearTimeout(pending.timer);
    const first = pending?.first ?? now;
    const delay = Math.max(0, Math.min(NOTICE_DEBOUNCE_MS, first + NOTICE_MAX_WAIT_MS - now));
    const timer = setTimeout(() => {
      this.timers.delete(storeId);
      this.queueReadBack(storeId, platform).catch((e: Error) =>
        this.log.warn(`store ${storeId}: queueing the notice read-back failed: ${e.message}`),
      );
    }, delay);
    timer.unref();
    this.timers.set(storeId, { timer, first });
  }

  /**
   * Marks whose notices said what the hub has since recorded writing (an echo that outran that record) are
   * dropped here, as the notice run would drop them first thing; a run is queued only for what is still
   * unexplained — an echo costs no run (≈ 14 statements) and no platform call (issue 10). One statement.
   */
  private async queueReadBack(storeId: string, platform: string): Promise<void> {
    const explained = SHOWS_SAME_SQL('sv.readback_shown', 'sv.last_written');
    const run = await queryOne<{ id: string }>(
      this.db.manager,
      `WITH dropped AS (
         UPDATE sync_variants sv SET readback_requested_at = NULL, readback_shown = NULL
         WHERE sv.store_id = $1 AND sv.readback_requested_at IS NOT NULL AND ${explained}
       )
       INSERT INTO sync_runs (store_id, trigger, dry_run, "full", status)
       SELECT $1, 'notice', false, false, 'queued'
       WHERE EXISTS (SELECT 1 FROM sync_variants sv WHERE sv.store_id = $1 AND sv.readback_requested_at IS NOT NULL AND NOT ${explained})
         AND NOT EXISTS (SELECT 1 FROM sync_runs WHERE store_id = $1 AND status = 'queued' AND trigger = 'notice')
       RETURNING id`,
      [storeId],
    );
    const queue = this.queue;
    if (!run || !queue?.started) return;
    await queue.enqueue([{ storeId, trigger: 'notice', runId: run.id, platform }]);
    queue.wake();
  }

  onModuleDestroy(): void {
    for (const t of this.timers.values()) clearTimeout(t.timer);
    this.timers.clear();
  }
}

/** The notice as the install flow's uninstall check reads requests: the body parsed as its media type says. */
function asInboundRequest(req: Inbound): InboundRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers))
    headers[name] = Array.isArray(value) ? value.join(', ') : (value as string | undefined);
  const rawBody = Buffer.from(req.rawBody);
  return { method: 'POST', query: {}, headers, rawBody, body: parseBody(rawBody, headers['content-type']) };
}

/** A plugin's ping check that throws answers "not a ping" (the signature check then refuses it). */
function isPing(notices: PluginNotices, req: Inbound): boolean {
  try {
    return notices.isPing?.(req) === true;
  } catch {
    return false;
  }
}

/**
 * What makes a notice the same notice again: the platform's signed event id when the plugin names one (its
 * signature does not cover the whole body), else the body's exact bytes. Stored as `body_sha256`. A platform
 * that sends identical bytes for distinct events (`repeatsBodies`) gets a key of its own per notice: no replay
 * can be told from a new event there, and a replay only reads the platform's own state back.
 */
function replayKey(notices: PluginNotices, rawBody: Uint8Array, noticeId: string | undefined): string {
  const hash = createHash('sha256');
  if (noticeId !== undefined) return hash.update(`notice-id:${noticeId}`).digest('hex');
  if (notices.repeatsBodies) return hash.update(rawBody).update(randomUUID()).digest('hex');
  return hash.update(rawBody).digest('hex');
}

/** A verified body that is not the platform's documented shape (the API's own input-error shape). */
function invalidBody(): NoticeOutcome {
  return {
    status: 400,
    body: { error: 'validation_failed', details: [{ path: 'body', message: "the notice's body is not the platform's documented shape" }] },
  };
}
