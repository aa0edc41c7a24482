// The promise the generator makes: the new package builds on the current plugin API, and its contract test runs
// against its simulator and fails until the plugin is written. Checked by building and testing a generated package.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generatePlugin } = require('../lib/generate-plugin') as typeof import('../lib/generate-plugin');

const repoRoot = resolve(__dirname, '../../..');
const tsc = require.resolve('typescript/bin/tsc');
const jestBin = require.resolve('jest/bin/jest');

/** The generated package's @stock-sync dependencies and where they live in the workspace (built by turbo first). */
const WORKSPACE_PACKAGES = {
  'plugin-api': 'packages/plugin-api',
  'plugin-sdk': 'packages/plugin-sdk',
  'plugin-testkit': 'packages/plugin-testkit',
  'jest-preset': 'tooling/jest-preset',
  tsconfig: 'tooling/tsconfig',
};

let tmp: string;
let dir: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'gen-built-'));
  dir = generatePlugin({ id: 'acme-shop', displayName: "Acme's Shop", repoRoot, pluginsDir: tmp }).dir;
  // What `pnpm install` would link: the workspace packages of the generated package.json, and the type packages
  // its tsconfig names.
  mkdirSync(join(dir, 'node_modules/@stock-sync'), { recursive: true });
  for (const [name, at] of Object.entries(WORKSPACE_PACKAGES)) symlinkSync(join(repoRoot, at), join(dir, 'node_modules/@stock-sync', name));
  symlinkSync(join(repoRoot, 'node_modules/@types'), join(dir, 'node_modules/@types'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(bin: string, args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '1' } });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('a generated plugin package', () => {
  it('builds, typechecks with its test, and its built manifest passes the host checks at import', () => {
    const build = run(tsc, ['-p', 'tsconfig.build.json']);
    expect(build.output).toBe('');
    expect(build.status).toBe(0);
    const typecheck = run(tsc, ['-p', 'tsconfig.json', '--noEmit']);
    expect(typecheck.output).toBe('');
    expect(typecheck.status).toBe(0);

    // manifestFromJson runs at import: the built entry loading is the manifest.json passing validation.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { plugin } = require(join(dir, 'dist/index.js'));
    expect(plugin.manifest).toMatchObject({ id: 'acme-shop', displayName: "Acme's Shop", capabilities: { maxBatch: 50, readBack: true } });
    expect(plugin.credentialFields.map((f: { name: string }) => f.name)).toEqual(['accessToken']);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(require(join(dir, 'dist/simulator/index.js')).simulator.id).toBe('acme-shop');
  }, 60_000);

  it('runs its contract test against its simulator, which fails until the plugin is written', () => {
    const test = run(jestBin, ['--ci', 'test/contract.test.ts']);
    expect(test.status).toBe(1);
    expect(test.output).toContain('contract: acme-shop against its simulator');
    // It ran and failed on the unwritten calls, not on a missing module or a compile error.
    expect(test.output).toMatch(/Tests:\s+\d+ failed, \d+ passed, \d+ total/);
    expect(test.output).toContain('not implemented');
    expect(test.output).not.toMatch(/Cannot find module|Test suite failed to run/);
  }, 60_000);
});
