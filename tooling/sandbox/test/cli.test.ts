/** `node dist/main.js`: argument parsing, and the real command starting, printing and closing on SIGINT. */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseSandboxArgs } from '../src/cli-args';
import { basePortFromEnv, DEFAULT_BASE_PORT } from '../src/start-sandbox';

describe('sandbox arguments', () => {
  it('parses the flags', () => {
    expect(parseSandboxArgs([])).toEqual({ seed: false, help: false });
    expect(parseSandboxArgs(['--seed', '--base-port', '0', '--host', '127.0.0.1'])).toEqual({
      seed: true,
      help: false,
      basePort: 0,
      host: '127.0.0.1',
    });
    expect(() => parseSandboxArgs(['--base-port', 'x'])).toThrow(/port number/);
    expect(() => parseSandboxArgs(['--nope'])).toThrow(/unknown argument/);
  });

  it('reads SANDBOX_BASE_PORT, defaulting to 4100', () => {
    expect(basePortFromEnv({})).toBe(DEFAULT_BASE_PORT);
    expect(basePortFromEnv({ SANDBOX_BASE_PORT: '5200' })).toBe(5200);
    expect(() => basePortFromEnv({ SANDBOX_BASE_PORT: 'abc' })).toThrow(/SANDBOX_BASE_PORT/);
  });
});

const MAIN = path.resolve(__dirname, '..', 'dist', 'main.js');

describe('the sandbox command (dist/main.js)', () => {
  it('starts, prints every simulator, and closes cleanly on Ctrl-C', async () => {
    if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: build the package first (turbo's test task does)`);
    const child = spawn(process.execPath, [MAIN, '--seed'], {
      env: { ...process.env, SANDBOX_BASE_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "Running." line within 20 s:\n${out}`)), 20_000);
      child.stdout.on('data', () => {
        if (out.includes('Press Ctrl-C to stop.')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`exited early:\n${out}`)));
    });
    const urls = [...out.matchAll(/curl (http:\/\/127\.0\.0\.1:\d+)\/__sim\/stock/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(0);
    expect(out).toContain('credentials for POST /v1/stores:');
    const stock = await fetch(`${urls[0]}/__sim/stock`);
    expect(stock.status).toBe(200);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out).toContain('closing the simulators');
    await expect(fetch(`${urls[0]}/__sim/stock`)).rejects.toThrow();
  });
});
