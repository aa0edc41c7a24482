/**
 * Receiving a platform notice (issue 13): POST /hooks/:platform/:storeId.
 *
 * Order of checks — nothing is parsed and nothing written before the signature holds:
 *  1. the platform has a loaded plugin with a `notices` part, the store exists on that platform and has a
 *     notice secret (one read: the store's platform and sealed secret) — else 401;
 *  2. an unsigned test delivery the plugin recognises (`isPing`) → 200, nothing recorded;
 *  3. the plugin verifies the signature on the raw bytes with the store's secret — else 401;
 *  4. the body is parsed (JSON) and the plugin names the variants it concerns — else 400;
 *  5. one transaction: the notice is recorded and the store's synced variants it names are marked for a
 *     read-back (`readback_requested_at`); duplicates only mark again.
 * After a short debounce ONE queued `notice` run of the store is created (when none is queued) and the queue
 * woken, so a flood of notices is coalesced into one targeted read-back. The run
 * itself is the ordinary run executor reading back the marked variants (sync-run-executor.ts), which applies
 * the store's drift policy; a notice of the hub's own write finds the platform showing what the hub last
 * wrote: no drift, nothing written.
 */
import { Inject, Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { NoticeRef, NoticeRequest, PluginNotices } from '@stock-sync/plugin-sdk';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CredentialCipher } from '../crypto/credential-cipher';
import { queryOne, queryRows } from '../database/sql';
import { retryingTransaction } from '../database/transaction-retry';
import { PluginRegistry } from '../plugins/plugin-registry.service';
import { SYNCED_IN_STORE } from '../sync-variants/variant-lifecycle';
import type { SyncQueue } from '../sync/sync-queue';
import { SYNC_QUEUE_TOKEN } from '../sync/sync-tokens';
import { openNoticeSecret } from './notice-secret';

/** Quiet time after a store's last notice before its read-back run is queued (more notices join it)… */
export const NOTICE_DEBOUNCE_MS = 250;
/** …but never later than this after its first notice (a steady stream still gets read back). */
export const NOTICE_MAX_WAIT_MS = 1000;
/** At most this many variants are taken from one notice (a platform's notice concerns one product). */
const MAX_REFS = 1000;

export type NoticeOutcome =
  | { status: 202; body: { accepted: true; marked: number } }
  | { status: 200; body: { ping: true } }
  | { status: 400; body: { error: 'validation_failed'; details: { path: string; message: string }[] } }
  | { status: 401; body: { error: string; message: string } };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const refused = (message: string): NoticeOutcome => ({ status: 401, body: { error: 'invalid_signature', message } });

@Injectable()
export class NoticesService implements OnModuleDestroy {
  private readonly log = new Logger('Notices');
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; first: number }>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: PluginRegistry,
    private readonly cipher: CredentialCipher,
    @Optional() @Inject(SYNC_QUEUE_TOKEN) private readonly queue?: SyncQueue,
  ) {}

  async receive(platform: string, storeId: string, req: Omit<NoticeRequest, 'secret'>): Promise<NoticeOutcome> {
    const notices = this.registry.get(platform)?.notices;
    if (!notices) return refused(`no integration "${platform}" that receives platform notices is loaded`);
    if (!UUID.test(storeId)) return refused('unknown store');
    const store = await queryOne<{ platform: string; notice_secret: Uint8Array | null }>(
      this.db.manager,
      `SELECT platform, notice_secret FROM stores WHERE id = $1`,
      [storeId],
    );
    if (!store || store.platform !== platform) return refused('unknown store');
    if (isPing(notices, req)) return { status: 200, body: { ping: true } };
    const secret = store.notice_secret ? openNoticeSecret(this.cipher, storeId, store.notice_secret) : undefined;
    if (!secret) return refused('the store has no notice secret (not subscribed to platform notices)');
    let verified: boolean;
    try {
      verified = notices.verify({ ...req, secret });
    } catch {
      verified = false;
    }
    if (!verified) return refused("the notice's signature is missing or does not verify with the store's notice secret");

    let refs: NoticeRef[];
    try {
      const body: unknown = JSON.parse(Buffer.from(req.rawBody).toString('utf8'));
      refs = checkedRefs(notices.refs(body, req.headers));
    } catch {
      // The API's own input-error shape: the verified body is not what the platform documents.
      return {
        status: 400,
        body: {
          error: 'validation_failed',
          details: [{ path: 'body', message: "the notice's body is not the platform's documented shape" }],
        },
      };
    }

    const digest = createHash('sha256').update(req.rawBody).digest('hex');
    const marked = await retryingTransaction(this.db, async (m) => {
      const rows = refs.length
        ? await queryRows<{ id: string }>(
            m,
            `UPDATE sync_variants sv SET readback_requested_at = now()
             FROM unnest($2::text[], $3::text[]) AS r(variant_id, product_id)
             WHERE sv.store_id = $1 AND sv.external_variant_id = r.variant_id
               AND (r.product_id IS NULL OR sv.external_product_id = r.product_id)
               AND ${SYNCED_IN_STORE}
               -- A paused store, or one with stock sync off, gets no read-back (its notice is still recorded).
               AND EXISTS (SELECT 1 FROM stores s WHERE s.id = $1 AND s.status = 'active' AND s.stock_sync_enabled)
             RETURNING sv.id`,
            [storeId, refs.map((r) => r.externalVariantId), refs.map((r) => r.externalProductId ?? null)],
          )
        : [];
      await m.query(`INSERT INTO platform_notices (store_id, platform, body_sha256, refs, marked) VALUES ($1, $2, $3, $4, $5)`, [
        storeId,
        platform,
        digest,
        refs.length,
        rows.length,
      ]);
      return rows.length;
    });
    if (marked) this.wakeSoon(storeId, platform);
    this.log.log(JSON.stringify({ event: 'platform_notice', storeId, platform, refs: refs.length, marked }));
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

  private async queueReadBack(storeId: string, platform: string): Promise<void> {
    const run = await queryOne<{ id: string }>(
      this.db.manager,
      `INSERT INTO sync_runs (store_id, trigger, dry_run, "full", status)
       SELECT $1, 'notice', false, false, 'queued'
       WHERE EXISTS (SELECT 1 FROM sync_variants sv WHERE sv.store_id = $1 AND sv.readback_requested_at IS NOT NULL)
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

/** A plugin's ping check that throws answers "not a ping" (the signature check then refuses it). */
function isPing(notices: PluginNotices, req: Omit<NoticeRequest, 'secret'>): boolean {
  try {
    return notices.isPing?.(req) === true;
  } catch {
    return false;
  }
}

/** The plugin's answer held to the contract: a list of refs with a non-empty string variant id. */
function checkedRefs(value: unknown): NoticeRef[] {
  if (!Array.isArray(value)) throw new Error('refs must be a list');
  const seen = new Set<string>();
  const refs: NoticeRef[] = [];
  for (const r of value.slice(0, MAX_REFS) as unknown[]) {
    const v = (r as NoticeRef | null)?.externalVariantId;
    const p = (r as NoticeRef | null)?.externalProductId;
    if (typeof v !== 'string' || !v || (p !== undefined && typeof p !== 'string')) throw new Error('malformed ref');
    const key = `${p ?? ''}\u0000${v}`;
    if (seen.has(key)) continue;
    seen.add(key);
    refs.push(p === undefined ? { externalVariantId: v } : { externalVariantId: v, externalProductId: p });
  }
  return refs;
}
