/**
 * The orchestrator: durable queue (pg-boss), scheduler, worker and the sync routes.
 * With HUB_SCHEDULER=off nothing runs in the background (no queue, no ticks, no workers): manual syncs
 * only create their queued run, and tests drive runs by calling SyncWorker.processStore.
 */
import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ScheduleModule, SchedulerRegistry } from '@nestjs/schedule';
import { getDataSourceToken, InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { HUB_CONFIG } from '../config/config.tokens';
import type { HubConfig } from '../config/hub-config';
import { PendingWorkSignal } from '../pending-work/pending-work.signal';
import { NoticesController } from '../notices/notices.controller';
import { NoticesService } from '../notices/notices.service';
import { HubPublicUrl } from '../oauth/hub-public-url';
import { UninstallService } from '../oauth/uninstall.service';
import { PluginsModule } from '../plugins/plugins.module';
import { loadSyncConfig, RETIRED_SYNC_VARIABLES, SYNC_CONFIG, type SyncConfig } from './sync-config';
import { SyncDispatcher } from './sync-dispatcher';
import { SyncQueue } from './sync-queue';
import { SyncRunsController } from './sync-runs.controller';
import { SyncRunsService } from './sync-runs.service';
import { SyncScheduler } from './sync-scheduler';
import { SYNC_QUEUE_TOKEN, SYNC_SCHEDULER_TOKEN } from './sync-tokens';
import { SyncWorker } from './sync-worker';

/** Starts the queue, workers and scheduler after the app is up; stops them before the database closes. */
@Injectable()
export class SyncLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('Orchestrator');
  private unsubscribe: (() => void) | undefined;
  private unsubscribeWake: (() => void) | undefined;
  private dispatcher: SyncDispatcher | undefined;

  constructor(
    @Inject(SYNC_CONFIG) private readonly config: SyncConfig,
    @Inject(HUB_CONFIG) private readonly hubConfig: HubConfig,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(SYNC_QUEUE_TOKEN) private readonly queue: SyncQueue,
    @Inject(SYNC_SCHEDULER_TOKEN) private readonly scheduler: SyncScheduler,
    private readonly worker: SyncWorker,
    private readonly signal: PendingWorkSignal,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.schedulerEnabled) {
      this.log.log('HUB_SCHEDULER=off: no scheduler, queue or workers in this process');
      return;
    }
    await this.queue.start(this.hubConfig.database, this.db);
    const dispatcher = new SyncDispatcher(this.queue, (job) => this.worker.processStore(job), {
      concurrency: this.config.concurrency,
      idlePollMs: this.config.pollMs,
    });
    this.dispatcher = dispatcher;
    this.unsubscribeWake = this.queue.onWake(() => void dispatcher.pump());
    dispatcher.start();
    this.scheduler.start();
    this.unsubscribe = this.signal.subscribe(() => this.scheduler.nudge());
    void this.scheduler.tick();
    this.log.log(
      `orchestrator started: up to ${this.config.concurrency} store runs in flight, tick ${this.config.tickMs} ms, reconcile every ${this.config.reconcileIntervalSeconds} s, instance ${this.config.instanceId}`,
    );
    for (const [name, instead] of Object.entries(RETIRED_SYNC_VARIABLES)) {
      if (process.env[name] !== undefined) this.log.warn(`${name} is no longer read (see ${instead})`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribeWake?.();
    this.scheduler.stop();
    await this.scheduler.waitIdle();
    await this.dispatcher?.stop();
    await this.queue.stop();
  }
}

export interface SyncModuleOptions {
  /** Settings (default: loadSyncConfig(process.env)). */
  config?: SyncConfig;
}

@Module({})
export class SyncModule {
  static forRoot(options: SyncModuleOptions = {}): DynamicModule {
    const config = options.config ?? loadSyncConfig(process.env);
    return {
      module: SyncModule,
      imports: [ScheduleModule.forRoot(), PluginsModule],
      controllers: [SyncRunsController, NoticesController],
      providers: [
        { provide: SYNC_CONFIG, useValue: config },
        { provide: SYNC_QUEUE_TOKEN, useFactory: () => new SyncQueue() },
        {
          provide: SYNC_SCHEDULER_TOKEN,
          inject: [getDataSourceToken(), SYNC_QUEUE_TOKEN, SYNC_CONFIG, SchedulerRegistry],
          useFactory: (db: DataSource, queue: SyncQueue, cfg: SyncConfig, registry: SchedulerRegistry) =>
            new SyncScheduler(db, queue, cfg, registry),
        },
        SyncWorker,
        SyncRunsService,
        NoticesService,
        HubPublicUrl,
        UninstallService,
        SyncLifecycle,
      ],
      exports: [SYNC_CONFIG, SYNC_QUEUE_TOKEN, SYNC_SCHEDULER_TOKEN, SyncWorker],
    };
  }
}
