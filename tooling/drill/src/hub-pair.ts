/**
 * The two hub processes of the drill: same PostgreSQL database, token and encryption key, each on its own
 * loopback port (kept across restarts, so clients keep their URL). kill() is a kill -9; restart() starts the
 * same hub again on the same port, with a fresh log file per incarnation.
 */
import * as path from 'node:path';
import { startHubChild, type HubChild } from '@stock-sync/bench';
import { drillHubEnv } from './hub-env';
import type { HubEndpoint } from './hub-traffic';

export interface DrillHub extends HubEndpoint {
  port: number;
  /** Undefined while it is down (between a kill and the end of its restart). */
  child?: HubChild;
  incarnation: number;
}

export interface HubPairOptions {
  root: string;
  work: string;
  token: string;
  encryptionKey: string;
  databaseUrl: string;
}

export class HubPair {
  readonly hubs: DrillHub[] = [
    { label: 'hub-a', url: '', port: 0, incarnation: 0 },
    { label: 'hub-b', url: '', port: 0, incarnation: 0 },
  ];
  kills = 0;
  /** Hubs found dead that the drill had not killed (a crash: see their logs). */
  unexpectedExits = 0;
  readonly restartMs: number[] = [];

  constructor(private readonly opts: HubPairOptions) {}

  /** Starts both, one after the other. */
  async start(): Promise<void> {
    for (const h of this.hubs) await this.launch(h);
  }

  /** The hubs that are up now. */
  up(): DrillHub[] {
    return this.hubs.filter((h) => h.child && !h.child.exited());
  }

  async kill(h: DrillHub): Promise<void> {
    const child = h.child;
    h.child = undefined;
    if (!child) return;
    await child.kill();
    this.kills++;
  }

  async restart(h: DrillHub): Promise<void> {
    const t = performance.now();
    let lastError: Error | undefined;
    // The port was just released by the killed process; a start that fails on it is retried a few times.
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        await this.launch(h);
        this.restartMs.push(performance.now() - t);
        return;
      } catch (e) {
        lastError = e as Error;
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
    throw new Error(`${h.label} did not restart: ${lastError?.message}`);
  }

  /** Every hub that is down is started again. */
  async ensureUp(): Promise<void> {
    for (const h of this.hubs) {
      if (h.child?.exited()) this.unexpectedExits++;
      if (!h.child || h.child.exited()) await this.restart(h);
    }
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.hubs.map(async (h) => {
        const c = h.child;
        h.child = undefined;
        await c?.stop();
      }),
    );
  }

  logFiles(): string[] {
    return this.hubs.flatMap((h) => Array.from({ length: h.incarnation }, (_, i) => this.logFile(h, i + 1)));
  }

  private logFile(h: DrillHub, incarnation: number): string {
    return path.join(this.opts.work, `${h.label}-${incarnation}.log`);
  }

  private async launch(h: DrillHub): Promise<void> {
    h.incarnation++;
    const child = await startHubChild({
      root: this.opts.root,
      dataDir: path.join(this.opts.work, `${h.label}-data`),
      token: this.opts.token,
      databaseUrl: this.opts.databaseUrl,
      logFile: this.logFile(h, h.incarnation),
      port: h.port,
      logLevel: 'log',
      env: { ...drillHubEnv(), HUB_ENCRYPTION_KEY: this.opts.encryptionKey },
    });
    h.child = child;
    h.url = child.url;
    h.port = Number(new URL(child.url).port);
  }
}
