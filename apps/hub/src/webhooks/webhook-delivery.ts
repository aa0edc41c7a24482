/**
 * Delivery, durably through pg-boss (queue `webhook-delivery`, on the hub's database like `store-sync`; see
 * sync/sync-queue.ts): one job per lane (singletonKey = the lane, `short` policy: at most one queued job a lane),
 * a worker drains the lane head by head, and a retry is a job scheduled (`startAfter`) for the head's next
 * attempt. The delivery rows are the truth and the jobs only wake workers: a sweeper hands every lane whose
 * head is due and unclaimed to the queue, so an event committed just before a crash (no job yet), or a job
 * lost with a killed worker, is still delivered.
 */
import { Logger } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config/hub-config';
import type { CredentialCipher } from '../crypto/credential-cipher';
import { PGBOSS_SCHEMA } from '../sync/sync-queue';
import { pgliteBossDb } from '../sync/pglite-boss-db';
import type { WebhookConfig } from './webhook-config';
import { claimHead, dueLanes, type Lane, markAttemptFailed, markDelivered, nextAttemptOf } from './webhook-lanes';
import { attemptDelivery } from './webhook-sender';

export const WEBHOOK_QUEUE = 'webhook-delivery';
/** Heads one job sends at most before handing the lane back to the queue (other lanes get their turn). */
const HEADS_PER_JOB = 20;
const LANES_PER_SWEEP = 500;

export class WebhookDelivery {
  private readonly log = new Logger('Webhooks');
  private boss: PgBoss | undefined;
  private workerId: string | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;

  constructor(
    private readonly db: DataSource,
    private readonly cipher: CredentialCipher,
    private readonly config: WebhookConfig,
  ) {}

  async start(database: DatabaseConfig): Promise<void> {
    if (this.boss) return;
    const common = { schema: PGBOSS_SCHEMA, schedule: false, supervise: true, maintenanceIntervalSeconds: 60 };
    const boss =
      database.kind === 'postgres'
        ? new PgBoss({ ...common, connectionString: database.url, max: 2, application_name: 'stock-sync-hub-webhooks' })
        : new PgBoss({ ...common, db: pgliteBossDb(this.db) });
    boss.on('error', (e: Error) => this.log.warn(`pg-boss: ${e.message}`));
    await boss.start();
    await boss.createQueue(WEBHOOK_QUEUE, { name: WEBHOOK_QUEUE, policy: 'short', retryLimit: 0, expireInSeconds: 15 * 60 });
    this.boss = boss;
    this.workerId = await boss.work<Lane>(WEBHOOK_QUEUE, { batchSize: 5, pollingIntervalSeconds: 0.5 }, async (jobs) => {
      await Promise.all(jobs.map((j) => this.drain(j.data)));
    });
    this.sweepTimer = setInterval(() => void this.sweep(), this.config.pollMs);
    this.sweepTimer.unref();
    void this.sweep();
  }

  async stop(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
    await this.sweeping;
    const boss = this.boss;
    this.boss = undefined;
    await boss?.stop({ graceful: true, wait: true, timeout: 10_000, close: true });
  }

  /** Hands every lane with a due, unclaimed head to the queue (a lane already queued is not queued twice). */
  async sweep(): Promise<void> {
    if (this.sweeping || !this.boss) return;
    this.sweeping = (async () => {
      try {
        const lanes = await dueLanes(this.db, LANES_PER_SWEEP);
        if (lanes.length) await this.enqueue(lanes.map((lane) => ({ lane })));
      } catch (e) {
        this.log.warn(`webhook sweep failed: ${(e as Error).message}`);
      }
    })();
    await this.sweeping;
    this.sweeping = undefined;
  }

  private async enqueue(items: ReadonlyArray<{ lane: Lane; startAfter?: Date }>): Promise<void> {
    const boss = this.boss;
    if (!boss) return;
    await boss.insert(
      items.map(({ lane, startAfter }) => ({
        name: WEBHOOK_QUEUE,
        data: lane,
        singletonKey: `${lane.subscriptionId}:${lane.orderingKey}`,
        ...(startAfter ? { startAfter } : {}),
      })),
    );
    if (this.workerId && items.some((i) => !i.startAfter)) boss.notifyWorker(this.workerId);
  }

  /** Sends the lane's heads in order while they are due; schedules the lane's next wake-up otherwise. */
  private async drain(lane: Lane): Promise<void> {
    try {
      // A claim outlives the attempt's time limit: another worker never starts the same head meanwhile.
      const claimMs = this.config.timeoutMs * 2 + 5_000;
      for (let i = 0; i < HEADS_PER_JOB; i++) {
        const head = await claimHead(this.db, lane, claimMs);
        if (!head) {
          const at = await nextAttemptOf(this.db, lane);
          if (at && at.getTime() > Date.now()) await this.enqueue([{ lane, startAfter: at }]);
          return;
        }
        await this.send(lane, head);
      }
      await this.enqueue([{ lane }]);
    } catch (e) {
      // The rows are untouched or claimed: the sweeper hands the lane back once the claim expires.
      this.log.warn(`webhook lane ${lane.subscriptionId} failed: ${(e as Error).message}`);
    }
  }

  private async send(lane: Lane, head: NonNullable<Awaited<ReturnType<typeof claimHead>>>): Promise<void> {
    const secret = this.cipher.decrypt(head.secret, lane.subscriptionId).secret!;
    const body = JSON.stringify({ type: head.type, timestamp: head.eventCreatedAt.toISOString(), data: head.data });
    const outcome = await attemptDelivery(head.url, secret, head.eventId, body, this.config.timeoutMs);
    if (outcome.delivered) {
      await markDelivered(this.db, head.id, outcome.status!);
      return;
    }
    const retryInMs = this.config.retryScheduleMs[head.attempts - 1];
    await markAttemptFailed(this.db, head.id, outcome, retryInMs);
    if (retryInMs === undefined) {
      this.log.warn(
        `webhook delivery ${head.id} (${head.type}, event ${head.eventId}) given up after ${head.attempts} attempts: ${outcome.error}`,
      );
    }
  }
}
