/**
 * Keeps the history bounded (history-config.ts): every HISTORY_SWEEP_INTERVAL_MS, in the processes that run the
 * scheduler, what is older than HUB_HISTORY_RETENTION_DAYS is deleted in bounded batches (prune-history.ts).
 * The first sweep waits a minute after start-up, out of the way of a starting fleet.
 */
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { HUB_CONFIG } from '../config/config.tokens';
import type { HubConfig } from '../config/hub-config';
import { retentionCutoff } from './history-config';
import { pruneHistory, type PruneLimits, type PruneReport } from './prune-history';

export const HISTORY_SWEEP_INTERVAL_MS = 60 * 60 * 1000;
const FIRST_SWEEP_DELAY_MS = 60 * 1000;

@Injectable()
export class HistoryRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('HistoryRetention');
  private timers: NodeJS.Timeout[] = [];
  private running: Promise<PruneReport | undefined> | undefined;
  /** Aborted at shutdown: a sweep stops after its current batch instead of holding the shutdown up. */
  private readonly stopping = new AbortController();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  get enabled(): boolean {
    return this.config.history.retentionDays !== null && this.config.sync.schedulerEnabled;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    const sweep = () => void this.prune().catch((e: Error) => this.log.warn(`pruning the history failed: ${e.message}`));
    this.timers = [setTimeout(sweep, FIRST_SWEEP_DELAY_MS), setInterval(sweep, HISTORY_SWEEP_INTERVAL_MS)];
    for (const t of this.timers) t.unref();
  }

  async onModuleDestroy(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    this.stopping.abort();
    await this.running?.catch(() => undefined);
  }

  /**
   * One sweep (never two at once in a process): deletes what is older than the retention at `now` (tests move it).
   * undefined when the history is kept forever.
   */
  prune(now = new Date(), limits?: PruneLimits): Promise<PruneReport | undefined> {
    this.running ??= this.sweep(now, limits).finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweep(now: Date, limits?: PruneLimits): Promise<PruneReport | undefined> {
    const days = this.config.history.retentionDays;
    if (days === null) return undefined;
    const olderThan = retentionCutoff(now, days);
    const { complete, statements, ...report } = await pruneHistory(this.db.manager, olderThan, limits, this.stopping.signal);
    if (report.runs || report.notices || report.events) {
      this.log.log(JSON.stringify({ event: 'history_pruned', olderThan: olderThan.toISOString(), ...report, statements, complete }));
    }
    return report;
  }
}
