/**
 * Renews expiring credentials AHEAD of expiry, so a store with no stock change for weeks keeps a working
 * refresh token and writes do not meet an expired access token in the normal case (the reactive refresh
 * after an AuthError, sync/refreshing-connection.ts, stays as the safety net).
 *
 * Every HUB_CREDENTIAL_SWEEP_INTERVAL_SECONDS (default 60): the active stores whose credentials_expire_at
 * falls within their platform's window (refresh-window.ts) are renewed one by one, each under the store's
 * lease (sync/store-lease.ts: one refresh per store at a time across hub processes; a store whose lease is
 * held — a sync run, another hub's sweep — is skipped this time). Under the lease the row is read again
 * (another process may just have renewed it), the plugin's refreshCredentials runs over the store's HTTP
 * client (its rate budget, the one retry layer), and the new set is stored compare-and-set (sync/
 * refreshed-credentials.ts). A refused renewal (AuthError) → needs_reconnect with the platform's reason,
 * nothing else touched (pending work stays pending); anything else (platform down, throttled) → tried again
 * at the next sweep. No credential value is ever logged.
 */
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createRedactor, effectiveCredentialFields, isPluginError, secretValues } from '@stock-sync/plugin-sdk';
import type { DataSource } from 'typeorm';
import { HUB_CONFIG } from '../config/config.tokens';
import type { HubConfig } from '../config/hub-config';
import { CredentialCipher } from '../crypto/credential-cipher';
import { purgeConnectRequests } from '../oauth/connect-requests';
import { ConnectionFactory } from '../plugins/connection-factory.service';
import { PluginRegistry } from '../plugins/plugin-registry.service';
import { saveRefreshedCredentials } from '../sync/refreshed-credentials';
import { StoreLeases } from '../sync/store-lease';
import { dueStores, markRenewalRefused, storeToRenew, type StoreToRenew } from './due-credentials';
import { refreshAheadSeconds } from './refresh-window';

/** Stores renewed per sweep at most (the rest wait for the next sweep, soonest expiry first). */
const SWEEP_BATCH = 200;

export interface SweepReport {
  renewed: string[];
  needsReconnect: string[];
  /** Lease held elsewhere: tried again next sweep. */
  busy: string[];
  /** Transient failures (platform down, throttled, credentials replaced meanwhile): tried again next sweep. */
  failed: string[];
}

@Injectable()
export class CredentialSweep implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('CredentialSweep');
  private readonly leases: StoreLeases;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SweepReport> | undefined;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly registry: PluginRegistry,
    private readonly connections: ConnectionFactory,
    private readonly cipher: CredentialCipher,
  ) {
    this.leases = new StoreLeases(db, `${config.sync.instanceId}:credentials`, config.sync.leaseSeconds);
  }

  get enabled(): boolean {
    return this.config.oauth.sweep.enabled ?? this.config.sync.schedulerEnabled;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    const everyMs = this.config.oauth.sweep.intervalSeconds * 1000;
    this.timer = setInterval(() => void this.sweep().catch(() => undefined), everyMs);
    this.timer.unref();
    void this.sweep().catch(() => undefined);
    this.log.log(`renewing expiring credentials ahead of expiry every ${this.config.oauth.sweep.intervalSeconds} s`);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One sweep (never two at once in a process); `now` is the instant expiries are compared with (tests move it). */
  sweep(now: number = Date.now()): Promise<SweepReport> {
    this.running ??= this.runOnce(now).finally(() => (this.running = undefined));
    return this.running;
  }

  /** The window of every loaded plugin that can renew credentials. */
  windows(): Map<string, number> {
    const override = this.config.oauth.sweep.refreshAheadSeconds;
    return new Map(
      this.registry
        .list()
        .filter((p) => typeof p.refreshCredentials === 'function')
        .map((p) => [p.manifest.id, refreshAheadSeconds(p, override)]),
    );
  }

  private async runOnce(now: number): Promise<SweepReport> {
    const report: SweepReport = { renewed: [], needsReconnect: [], busy: [], failed: [] };
    const windows = this.windows();
    const due = await dueStores(this.db.manager, windows, new Date(now), SWEEP_BATCH);
    for (const store of due) {
      if (this.stopped) break;
      await this.renew(store.id, windows.get(store.platform)!, now, report);
    }
    await purgeConnectRequests(this.db.manager).catch((e: Error) => this.log.warn(`purging old connect requests failed: ${e.name}`));
    if (due.length) {
      this.log.log(
        JSON.stringify({
          event: 'credential_sweep',
          due: due.length,
          renewed: report.renewed.length,
          needsReconnect: report.needsReconnect.length,
          busy: report.busy.length,
          failed: report.failed.length,
        }),
      );
    }
    return report;
  }

  private async renew(storeId: string, aheadSeconds: number, now: number, report: SweepReport): Promise<void> {
    const lease = await this.leases.acquire(storeId);
    if (!lease) {
      report.busy.push(storeId);
      return;
    }
    try {
      // Read again under the lease: another process may have renewed it between the query and now.
      const store = await storeToRenew(this.db.manager, storeId);
      if (!store || store.status !== 'active' || !stillDue(store, aheadSeconds, now)) return;
      await this.renewHeld(store, report);
    } finally {
      await lease.release().catch(() => undefined);
    }
  }

  private async renewHeld(store: StoreToRenew, report: SweepReport): Promise<void> {
    try {
      const opened = this.connections.open(store);
      const fresh = await this.connections.refreshCredentials(store, opened.http);
      if (await saveRefreshedCredentials(this.db.manager, store.id, store.credentials, fresh)) {
        report.renewed.push(store.id);
        this.log.log(
          JSON.stringify({
            event: 'credentials_renewed_ahead',
            storeId: store.id,
            platform: store.platform,
            expiresAt: fresh.expiresAt?.toISOString() ?? null,
          }),
        );
      } else {
        report.failed.push(store.id); // a person replaced them meanwhile: theirs stand
      }
    } catch (e) {
      const message = this.redacted(store, e);
      if (isPluginError(e) && e.code === 'auth') {
        const plugin = this.registry.get(store.platform);
        const reason = `renewing the credentials ahead of expiry was refused by ${plugin?.manifest.displayName ?? store.platform} (${message}): reconnect the store`;
        if (await markRenewalRefused(this.db.manager, store.id, store.credentials, reason.slice(0, 1000)))
          report.needsReconnect.push(store.id);
        else report.failed.push(store.id);
        this.log.warn(JSON.stringify({ event: 'credentials_renewal_refused', storeId: store.id, platform: store.platform }));
        return;
      }
      report.failed.push(store.id);
      this.log.warn(
        JSON.stringify({
          event: 'credentials_renewal_failed',
          storeId: store.id,
          platform: store.platform,
          error: isPluginError(e) ? e.code : 'unexpected',
          message: isPluginError(e) ? message : undefined,
        }),
      );
    }
  }

  /** The error's message without any of the store's credential values or the app secret. */
  private redacted(store: StoreToRenew, e: unknown): string {
    let values: string[];
    try {
      const plugin = this.registry.get(store.platform);
      const current = this.cipher.decrypt(store.credentials, store.id);
      values = [
        ...secretValues(effectiveCredentialFields(plugin?.credentialFields ?? []), current),
        ...Object.values(current).filter((v) => v.length >= 12),
      ];
    } catch {
      values = [];
    }
    const app = this.connections.appFor(store.platform);
    if (app) values.push(app.clientSecret);
    const text = e instanceof Error ? e.message : String(e);
    return createRedactor(values)(text).slice(0, 500);
  }
}

function stillDue(store: StoreToRenew, aheadSeconds: number, now: number): boolean {
  if (store.credentials_expire_at === null) return false;
  return new Date(store.credentials_expire_at).getTime() <= now + aheadSeconds * 1000;
}
