import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generatePlugin, GeneratorError } = require('../lib/generate-plugin') as typeof import('../lib/generate-plugin');

const repoRoot = resolve(__dirname, '../../..');
const cli = resolve(__dirname, '../gen-plugin.js');

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'gen-plugin-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

function read(rel: string): string {
  return readFileSync(join(tmp, rel), 'utf8');
}

describe('generatePlugin', () => {
  it('scaffolds a plugin package shaped like the existing plugins', () => {
    const r = generatePlugin({ id: 'big-cartel', displayName: 'Big Cartel', repoRoot, pluginsDir: tmp });
    expect(r.packageName).toBe('@stock-sync/plugin-big-cartel');
    expect(r.files.sort()).toEqual(
      [
        'README.md',
        'jest.config.js',
        'package.json',
        'src/connection.ts',
        'src/index.ts',
        'src/manifest.json',
        'src/manifest.ts',
        'src/simulator/index.ts',
        'test/contract.test.ts',
        'tsconfig.build.json',
        'tsconfig.json',
      ].sort(),
    );
    const pkg = JSON.parse(read('big-cartel/package.json'));
    const woo = JSON.parse(readFileSync(join(repoRoot, 'plugins/woocommerce/package.json'), 'utf8'));
    expect(Object.keys(pkg).sort()).toEqual(Object.keys(woo).sort());
    // A new plugin asks for the workspace's plugin API version (WooCommerce needs no newer than 1.1).
    const apiRange = `^${JSON.parse(readFileSync(join(repoRoot, 'packages/plugin-api/package.json'), 'utf8')).version}`;
    expect(pkg.stockSync).toEqual({ ...woo.stockSync, pluginApi: apiRange });
    expect(pkg.dependencies).toEqual(woo.dependencies);
    expect(pkg.devDependencies).toEqual(woo.devDependencies);
    // The published shape: the plugin API as a peer, the simulator a subpath, the testkit for tests only.
    expect(pkg.peerDependencies).toEqual({ ...woo.peerDependencies, '@stock-sync/plugin-api': apiRange });
    expect(pkg.peerDependenciesMeta).toEqual(woo.peerDependenciesMeta);
    expect(pkg.exports).toEqual(woo.exports);
    expect(pkg.files).toEqual(woo.files);
    expect(pkg.private).toBeUndefined();
    expect(pkg.dependencies['@stock-sync/plugin-testkit']).toBeUndefined();
    expect(pkg.stockSync.pluginApi).toBe(apiRange);
    expect(Object.keys(pkg.scripts)).toEqual(Object.keys(woo.scripts));
    expect(pkg.name).toBe('@stock-sync/plugin-big-cartel');

    // Shared configs are referenced by a path that really reaches tooling/.
    const tsconfig = JSON.parse(read('big-cartel/tsconfig.json'));
    expect(existsSync(resolve(tmp, 'big-cartel', tsconfig.extends))).toBe(true);
    const build = JSON.parse(read('big-cartel/tsconfig.build.json'));
    expect(existsSync(resolve(tmp, 'big-cartel', build.extends))).toBe(true);
    expect(read('big-cartel/jest.config.js')).toContain("require('@stock-sync/jest-preset').createJestConfig(__dirname)");

    // The platform's facts as data, read and checked by the SDK's manifestFromJson.
    const facts = JSON.parse(read('big-cartel/src/manifest.json'));
    expect(facts).toMatchObject({ id: 'big-cartel', displayName: 'Big Cartel', capabilities: { unlimitedStock: 'native' } });
    expect(facts.credentialFields).toEqual([expect.objectContaining({ name: 'accessToken', secret: true, required: true })]);
    expect(read('big-cartel/src/manifest.ts')).toContain("import facts from './manifest.json';");
    expect(read('big-cartel/src/manifest.ts')).toContain('export const { manifest, credentialFields } = manifestFromJson(facts);');
    // Imports by package and area: the contract from the plugin API, helpers from the SDK, the testkit by subpath.
    expect(read('big-cartel/src/connection.ts')).toContain(
      "import type { HttpClient, PluginLogger, StoreConnection } from '@stock-sync/plugin-api';",
    );
    expect(read('big-cartel/src/index.ts')).toContain("import type { IntegrationPlugin, StoreConnection } from '@stock-sync/plugin-api';");
    expect(read('big-cartel/src/simulator/index.ts')).toContain("from '@stock-sync/plugin-testkit/simulator';");
    expect(read('big-cartel/test/contract.test.ts')).toContain("from '@stock-sync/plugin-testkit/contract';");
    for (const file of r.files.filter((f) => f.endsWith('.ts'))) {
      expect(read(`big-cartel/${file}`)).not.toMatch(/from '@stock-sync\/plugin-testkit'/);
    }
    expect(read('big-cartel/src/connection.ts')).toContain("throw new Error('not implemented')");
    expect(read('big-cartel/src/connection.ts')).toContain('return batched({');
    expect(read('big-cartel/src/index.ts')).toContain('return connection(api, log);');
    expect(read('big-cartel/src/index.ts')).toContain('export default plugin');
    expect(read('big-cartel/src/index.ts')).not.toContain('plugin-testkit');
    // The optional install-flow part, commented out so the skeleton builds without it.
    expect(read('big-cartel/src/index.ts')).toContain("  // oauth: {\n  //   authorizeUrl: 'https://big-cartel.example/oauth/authorize',");
    expect(read('big-cartel/src/index.ts')).toContain("  // refreshCredentials: (ctx) => refreshTokenGrant(ctx, { platform: 'Big Cartel',");
    expect(read('big-cartel/src/index.ts')).not.toMatch(/^\s*oauth:/m);
    expect(read('big-cartel/README.md')).toContain('runOAuthContract({ plugin, simulator })');
    expect(read('big-cartel/src/simulator/index.ts')).toContain('export const simulator: PlatformSimulatorDefinition<BigCartelSimState>');
    expect(read('big-cartel/test/contract.test.ts')).toContain('runContractSuite({ plugin, simulator })');
    expect(read('big-cartel/README.md')).toMatch(/contract test .* runs and FAILS until\s+the plugin is written/);
  });

  // The manifest is JSON now (issue 11): the name is data there, and escaped only in the TypeScript that quotes it.
  it('derives a display name from the id and escapes quotes in a given one', () => {
    generatePlugin({ id: 'tiktok-shop', repoRoot, pluginsDir: tmp });
    expect(JSON.parse(read('tiktok-shop/src/manifest.json')).displayName).toBe('Tiktok Shop');
    generatePlugin({ id: 'quote', displayName: "O'Shop", repoRoot, pluginsDir: tmp });
    expect(JSON.parse(read('quote/src/manifest.json')).displayName).toBe("O'Shop");
    expect(read('quote/src/simulator/index.ts')).toContain("displayName: 'O\\'Shop'");
    expect(read('quote/src/index.ts')).toContain("platform: 'O\\'Shop'");
  });

  it.each(['BigCartel', 'big_cartel', '-x', 'x-', '1shop', 'a--b', '', 'sdk', 'testkit', 'api'])('refuses the id %p', (id) => {
    expect(() => generatePlugin({ id, repoRoot, pluginsDir: tmp })).toThrow(GeneratorError);
  });

  it('refuses an existing directory and leaves it untouched', () => {
    mkdirSync(join(tmp, 'taken'));
    expect(() => generatePlugin({ id: 'taken', repoRoot, pluginsDir: tmp })).toThrow(/already exists/);
    expect(existsSync(join(tmp, 'taken/package.json'))).toBe(false);
  });
});

describe('gen-plugin.js (CLI)', () => {
  it('exits 1 with a clear message for a bad id, and for an existing plugin', () => {
    const bad = spawnSync(process.execPath, [cli, 'Not_Kebab'], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("'Not_Kebab' is not a kebab-case id");
    const existing = spawnSync(process.execPath, [cli, 'woocommerce'], { encoding: 'utf8' });
    expect(existing.status).toBe(1);
    expect(existing.stderr).toMatch(/plugins\/woocommerce already exists/);
    const none = spawnSync(process.execPath, [cli], { encoding: 'utf8' });
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('a plugin id is required');
  });

  it('prints usage with --help', () => {
    expect(execFileSync(process.execPath, [cli, '--help'], { encoding: 'utf8' })).toContain('usage: pnpm gen:plugin <id>');
  });
});
