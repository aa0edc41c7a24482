/**
 * Feeds the hub's registry: sync events (hub-events.ts) as they happen, the backlog and queue gauges on
 * scrape, HTTP requests through the middleware bootstrap.ts mounts first.
 */
import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { HUB_CONFIG } from '../config/config.tokens';
import { StatementCounter } from '../database/statement-counter';
import { STATEMENT_ORIGINS, type StatementOrigin } from '../database/statement-origin';
import type { HubConfig } from '../config/hub-config';
import type { SyncQueue } from '../sync/sync-queue';
import { SYNC_QUEUE_TOKEN } from '../sync/sync-tokens';
import { readBacklog } from './backlog-gauges';
import { hubEvents, type SyncRunFinished } from './hub-events';
import { createHubRegistry, type HubRegistry } from './hub-metrics';

@Injectable()
export class HubMetricsService implements OnModuleInit, OnModuleDestroy {
  readonly metrics: HubRegistry = createHubRegistry();
  private readonly unsubscribe: (() => void)[] = [];
  /** The statement counts already added to the counter (it only grows by what was sent since). */
  private readonly statementsShown: Record<StatementOrigin, number> = { work: 0, periodic: 0, scrape: 0 };

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly moduleRef: ModuleRef,
    private readonly statements: StatementCounter,
  ) {}

  get contentType(): string {
    return this.metrics.registry.contentType;
  }

  onModuleInit(): void {
    // This hub's events only (several hubs may share a process); its credential sweep uses `<instance>:credentials`.
    const id = this.config.sync.instanceId;
    const mine = (e: { instance: string }) => e.instance === id || e.instance.startsWith(`${id}:`);
    this.unsubscribe.push(
      hubEvents.onSyncRunFinished((e) => mine(e) && this.onRun(e)),
      hubEvents.onLeaseConflict((e) => mine(e) && this.metrics.leaseConflicts.inc()),
      hubEvents.onCredentialRefresh((e) => mine(e) && this.metrics.credentialRefreshes.inc({ platform: e.platform, outcome: e.outcome })),
    );
  }

  onModuleDestroy(): void {
    for (const u of this.unsubscribe.splice(0)) u();
  }

  /** One request answered: `route` is the matched route template, or undefined when nothing matched. */
  observeHttp(method: string, route: string | undefined, status: number, seconds: number): void {
    const labels = { method, route: route ?? 'unmatched' };
    this.metrics.httpRequests.inc({ ...labels, status: String(status) });
    this.metrics.httpDuration.observe(labels, seconds);
  }

  /** The exposition text, with the gauges read from the database and the queue first. */
  async render(): Promise<string> {
    const backlog = await readBacklog(this.db.manager);
    this.metrics.pendingVariants.set(backlog.pendingVariants);
    this.metrics.storesBehind.set(backlog.storesBehind);
    this.metrics.oldestPending.set(backlog.oldestPendingSeconds);
    this.metrics.queueDepth.set(await this.queueDepth());
    this.showStatements();
    return this.metrics.registry.metrics();
  }

  private showStatements(): void {
    const now = this.statements.byOrigin();
    for (const origin of STATEMENT_ORIGINS) {
      // A START TRANSACTION counted as work moves to its transaction's origin after it (statement-counter.ts): a
      // counter never goes down, so the work count waits until it has grown past what was shown.
      const added = Math.max(0, now[origin] - this.statementsShown[origin]);
      this.metrics.databaseStatements.inc({ origin }, added);
      this.statementsShown[origin] += added;
    }
  }

  private async queueDepth(): Promise<number> {
    const queue = this.moduleRef.get<SyncQueue>(SYNC_QUEUE_TOKEN, { strict: false });
    return queue.size().catch(() => 0);
  }

  private onRun(e: SyncRunFinished): void {
    if (e.dryRun) return; // a dry run writes nothing: counting it would blur what the platforms saw
    const platform = e.platform ?? 'unknown';
    const m = this.metrics;
    m.syncRuns.inc({ platform, status: e.status });
    for (const result of ['written', 'failed', 'unchanged', 'drift'] as const) {
      if (e.counts[result]) m.syncVariants.inc({ platform, result }, e.counts[result]);
    }
    if (e.api?.requests) m.platformCalls.inc({ platform }, e.api.requests);
    if (e.api?.throttled) m.platformThrottled.inc({ platform }, e.api.throttled);
    for (const seconds of e.facilityToStoreSeconds) m.latency.observe({ platform }, seconds);
  }
}
