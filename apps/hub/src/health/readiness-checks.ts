/**
 * The readiness checks (@nestjs/terminus indicators): the database answers, every migration is applied,
 * the queue runs (when this process runs one), plugins are loaded. Each check has its own time limit so a
 * hung database makes the probe answer 503 in seconds instead of hanging it.
 */
import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { HUB_CONFIG } from '../config/config.tokens';
import type { HubConfig } from '../config/hub-config';
import { PluginRegistry } from '../plugins/plugin-registry.service';
import type { SyncQueue } from '../sync/sync-queue';
import { SYNC_QUEUE_TOKEN } from '../sync/sync-tokens';

const CHECK_TIMEOUT_MS = 3_000;

@Injectable()
export class ReadinessChecks {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly registry: PluginRegistry,
    private readonly moduleRef: ModuleRef,
  ) {}

  async database(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('database');
    const started = Date.now();
    try {
      await withTimeout(this.db.query('SELECT 1'), CHECK_TIMEOUT_MS);
      return check.up({ kind: this.config.database.kind, latencyMs: Date.now() - started });
    } catch (e) {
      return check.down({ kind: this.config.database.kind, message: driverMessage(e) });
    }
  }

  async migrations(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('migrations');
    try {
      const pending = await withTimeout(this.db.showMigrations(), CHECK_TIMEOUT_MS);
      return pending ? check.down({ message: 'migrations are pending: run `pnpm --filter @stock-sync/hub migrate`' }) : check.up();
    } catch (e) {
      return check.down({ message: `the migrations could not be read: ${driverMessage(e)}` });
    }
  }

  async queue(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('queue');
    if (!this.config.sync.schedulerEnabled) return check.up({ running: false, reason: 'HUB_SCHEDULER=off: this process runs no queue' });
    const queue = this.moduleRef.get<SyncQueue>(SYNC_QUEUE_TOKEN, { strict: false });
    if (!queue.started) return check.down({ running: false, message: 'the queue is not running' });
    try {
      const depth = await withTimeout(queue.size(), CHECK_TIMEOUT_MS);
      return check.up({ running: true, depth });
    } catch (e) {
      return check.down({ running: true, message: `the queue does not answer: ${driverMessage(e)}` });
    }
  }

  plugins(): HealthIndicatorResult {
    const check = this.indicators.check('plugins');
    const loaded = this.registry.list().length;
    const rejected = this.registry.rejected.length;
    if (loaded === 0)
      return check.down({ loaded, rejected, message: 'no integration plugin is loaded (see GET /v1/integrations and the start-up log)' });
    return check.up({ loaded, rejected });
  }
}

/** The driver's message only, never a connection string. */
export function driverMessage(e: unknown): string {
  return ((e as Error)?.message ?? String(e)).replace(/postgres(ql)?:\/\/\S+/g, '[database url]');
}

export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}
