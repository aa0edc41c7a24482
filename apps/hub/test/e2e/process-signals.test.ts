/**
 * The built hub's signals: SIGTERM stops it, and the signal an operator gives Node's
 * `--heapsnapshot-signal` writes a heap snapshot and leaves the hub running — Nest's shutdown hooks listen to
 * SIGUSR2 as well, so before, a heap snapshot also stopped the hub. Without that option SIGUSR2 still stops it
 * gracefully, as every signal of Nest's list does.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { shutdownSignals } from '../../src/shutdown-signals';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../support/throwaway-postgres';
import { hubBuilt, startHubProcess, type HubProcess } from './support/hub-process';
import { waitFor } from './support/sync-hub';

jest.setTimeout(180_000);

describe('shutdownSignals', () => {
  it("is Nest's list of shutdown signals without the one --heapsnapshot-signal names", () => {
    const all = shutdownSignals([], undefined);
    expect(all).toEqual(expect.arrayContaining(['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGUSR2']));
    const without = (signal: string) => all.filter((s) => s !== signal);
    expect(shutdownSignals(['--heapsnapshot-signal=SIGUSR2'], undefined)).toEqual(without('SIGUSR2'));
    expect(shutdownSignals(['--heapsnapshot-signal', 'sighup'], undefined)).toEqual(without('SIGHUP'));
    expect(shutdownSignals([], '--max-old-space-size=512 --heapsnapshot_signal=SIGUSR2')).toEqual(without('SIGUSR2'));
    expect(shutdownSignals(['--heapsnapshot-near-heap-limit=2'], '--inspect')).toEqual(all);
  });
});

const adminUrl = process.env.TEST_DATABASE_URL;
const runnable = !!adminUrl && hubBuilt();
// turbo builds the hub before its tests (apps/hub/turbo.json): in CI with a database, skipping would hide a failure.
if (!runnable && adminUrl && process.env.CI === 'true') throw new Error('process tests cannot run: apps/hub/dist is not built');
if (!runnable) console.warn('process-signals: skipped (needs TEST_DATABASE_URL and apps/hub/dist)');
const describeIf = runnable ? describe : describe.skip;

describeIf('the hub process and its signals (PostgreSQL, real processes)', () => {
  let db: ThrowawayDatabase;
  let hub: HubProcess | undefined;
  const diagnostics = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-signals-'));
  const exitOf = (h: HubProcess) =>
    new Promise<{ code: number | null; signal: string | null }>((resolve) => {
      if (h.child.exitCode !== null || h.child.signalCode !== null) resolve({ code: h.child.exitCode, signal: h.child.signalCode });
      else h.child.once('exit', (code, signal) => resolve({ code, signal }));
    });

  beforeAll(async () => {
    db = await createThrowawayDatabase(adminUrl!);
  });
  afterEach(async () => {
    await hub?.stop();
    hub = undefined;
  });
  afterAll(async () => {
    await db?.drop();
    fs.rmSync(diagnostics, { recursive: true, force: true });
  });

  it('writes a heap snapshot on the --heapsnapshot-signal and keeps serving; SIGTERM then stops it', async () => {
    hub = await startHubProcess('snapshot', db.url, {}, ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${diagnostics}`]);
    hub.child.kill('SIGUSR2');
    const snapshot = () => fs.readdirSync(diagnostics).find((f) => f.endsWith('.heapsnapshot'));
    await waitFor('a heap snapshot file', () => snapshot() !== undefined, 60_000);
    // The file is written while the process is paused; once it has a size the hub runs again.
    await waitFor('the heap snapshot written', () => fs.statSync(path.join(diagnostics, snapshot()!)).size > 0, 60_000);
    await hub.get('/health/live').expect(200);
    expect(hub.child.exitCode).toBeNull();
    const exit = exitOf(hub);
    hub.child.kill('SIGTERM');
    // Nest closes the application, then raises the signal again with its listener gone.
    expect(await exit).toEqual({ code: null, signal: 'SIGTERM' });
  });

  it('stops gracefully on SIGUSR2 when no heap snapshot signal is set', async () => {
    hub = await startHubProcess('usr2', db.url);
    const exit = exitOf(hub);
    hub.child.kill('SIGUSR2');
    expect(await exit).toEqual({ code: null, signal: 'SIGUSR2' });
  });
});
