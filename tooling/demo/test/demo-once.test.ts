/**
 * The whole demo, as `npm start` runs it but with --once: the sandbox, the hub as a child process on the
 * embedded database, the scenario and the report. Needs everything built (turbo's test task builds first).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const MAIN = path.resolve(__dirname, '..', 'dist', 'main.js');
const HUB_MAIN = path.resolve(__dirname, '..', '..', '..', 'apps', 'hub', 'dist', 'main.js');
const LIMIT_MS = 150_000;

function runOnce(): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, '--once'], {
      env: { ...process.env, NO_COLOR: '1', DEMO_STEP_TIMEOUT_MS: '30000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => {
      child.kill('SIGINT');
      reject(new Error(`the demo did not finish within ${LIMIT_MS / 1000} s:\n${out}`));
    }, LIMIT_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

describe('node tooling/demo/dist/main.js --once', () => {
  it(
    'plays the scenario against the real hub and simulators, reports, and exits 0',
    async () => {
      for (const f of [MAIN, HUB_MAIN]) if (!fs.existsSync(f)) throw new Error(`${f} is missing: build first (pnpm turbo run build)`);
      const { code, out } = await runOnce();
      const context = `\n--- demo output ---\n${out}`;
      if (code !== 0) throw new Error(`exit code ${code}${context}`);

      expect(out).toMatch(/Hub: ready in [\d.]+ s/);
      expect(out).toMatch(/\d+ stores on \d+ platforms, each verified against its simulator/);
      for (const title of [
        'Help page example 1: North America',
        'Help page example 2: out of stock only in Europe',
        'Help page example 3: Worldwide stays available while Latvia or Spain has it',
      ]) {
        expect(out).toContain(title);
      }
      expect(out).toMatch(/✓ .+ North America: Classic T-shirt \/ S → out_of_stock {2}\d+/);
      expect(out).toMatch(/✓ \d+ variants not expected to change did not change/);
      expect(out).toContain('Per platform: changes written per store');
      expect(out).toMatch(/API calls \(/);
      expect(out).toMatch(/Facility update → store update: min \d+ ms · median \d+ ms · max \d+ ms/);
      // Issue 13: a manual edit on the platform, its notice, the read-back: reasserted in one store, reported in another.
      expect(out).toMatch(/✓ .+: reasserted in [\d.]+ s after the merchant's edit, by a notice run/);
      expect(out).toMatch(
        /✓ .+: drift recorded within [\d.]+ s of the merchant's edit by a notice run, nothing written — .+ → out_of_stock/,
      );
      // Issue 9: a store connected by its install flow, its token renewed ahead of expiry on a moved simulator clock.
      expect(out).toMatch(/store \S+ connected by its install flow/);
      expect(out).toMatch(/the hub's sweep renewed it ahead of expiry/);
      expect(out).toMatch(/the next change reached the store with 0 refused calls/);
      expect(out).toContain('✓ Every expectation held: no failure.');
      expect(out).not.toContain('\u001b['); // NO_COLOR
      expect(out).not.toContain('Press Ctrl-C'); // --once does not stay up
    },
    LIMIT_MS + 20_000,
  );
});
