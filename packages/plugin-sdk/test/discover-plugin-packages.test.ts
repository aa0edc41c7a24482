// Finding plugin packages by their package.json declaration (discover-plugin-packages.ts), on a
// throwaway directory tree made by the test.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { discoverPluginPackages } from '../src';

function tree(packages: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'plugins-'));
  for (const [dir, pkg] of Object.entries(packages)) {
    mkdirSync(join(root, dir), { recursive: true });
    if (pkg !== undefined) writeFileSync(join(root, dir, 'package.json'), typeof pkg === 'string' ? pkg : JSON.stringify(pkg));
  }
  return root;
}
const plugin = (name: string | undefined, extra: Record<string, unknown> = {}) => ({
  ...(name === undefined ? {} : { name }),
  stockSync: { role: 'integration-plugin', contractVersion: 1, plugin: 'dist/index.js', simulator: 'dist/simulator/index.js', ...extra },
});

describe('discoverPluginPackages', () => {
  it('finds declared integration plugins, sorted by id, with their entries resolved inside the package', () => {
    const root = tree({ zeta: plugin('@stock-sync/plugin-zeta'), alpha: plugin('@stock-sync/plugin-alpha', { simulator: undefined }) });
    const scan = discoverPluginPackages(root);
    expect(scan.unreadable).toEqual([]);
    expect(scan.packages).toEqual([
      {
        id: 'alpha',
        packageName: '@stock-sync/plugin-alpha',
        dir: join(root, 'alpha'),
        declaration: { role: 'integration-plugin', contractVersion: 1, plugin: 'dist/index.js' },
        pluginEntry: resolve(root, 'alpha', 'dist/index.js'),
        simulatorEntry: undefined,
      },
      {
        id: 'zeta',
        packageName: '@stock-sync/plugin-zeta',
        dir: join(root, 'zeta'),
        declaration: { role: 'integration-plugin', contractVersion: 1, plugin: 'dist/index.js', simulator: 'dist/simulator/index.js' },
        pluginEntry: resolve(root, 'zeta', 'dist/index.js'),
        simulatorEntry: resolve(root, 'zeta', 'dist/simulator/index.js'),
      },
    ]);
  });

  it('takes the id from the package name by convention, else from the directory', () => {
    const root = tree({
      'dir-a': plugin('@acme/plugin-shop'),
      'dir-b': plugin('plain-name'),
      'dir-c': plugin(undefined),
      'dir-d': plugin('@stock-sync/plugin-'),
    });
    expect(discoverPluginPackages(root).packages.map((p) => [p.id, p.packageName])).toEqual([
      ['dir-c', 'dir-c'],
      ['dir-d', '@stock-sync/plugin-'],
      ['plain-name', 'plain-name'],
      ['shop', '@acme/plugin-shop'],
    ]);
  });

  it('skips packages that do not declare the integration-plugin role, and directories without package.json', () => {
    const root = tree({
      lib: { name: 'lib' },
      other: { name: 'o', stockSync: { role: 'simulator-only' } },
      empty: undefined,
      real: plugin('@stock-sync/plugin-real'),
    });
    writeFileSync(join(root, 'loose-file.json'), '{}');
    expect(discoverPluginPackages(root).packages.map((p) => p.id)).toEqual(['real']);
  });

  it('reports an unreadable package.json and goes on', () => {
    const root = tree({ broken: '{ not json', ok: plugin('@stock-sync/plugin-ok') });
    const scan = discoverPluginPackages(root);
    expect(scan.packages.map((p) => p.id)).toEqual(['ok']);
    expect(scan.unreadable).toHaveLength(1);
    expect(scan.unreadable[0].dir).toBe(join(root, 'broken'));
    expect(scan.unreadable[0].reason).toMatch(/^package\.json is not valid JSON: /);
  });

  it('declares no entry that is missing, empty, not a string, or points outside the package', () => {
    const root = tree({
      a: plugin('@stock-sync/plugin-a', { plugin: '../b/dist/index.js', simulator: '' }),
      b: plugin('@stock-sync/plugin-b', { plugin: 42, simulator: '/etc/passwd' }),
      c: plugin('@stock-sync/plugin-c', { plugin: '.', simulator: 'sim.js' }),
    });
    const byId = Object.fromEntries(discoverPluginPackages(root).packages.map((p) => [p.id, [p.pluginEntry, p.simulatorEntry]]));
    expect(byId).toEqual({ a: [undefined, undefined], b: [undefined, undefined], c: [undefined, resolve(root, 'c', 'sim.js')] });
  });

  it('follows symlinked package directories (pnpm links)', () => {
    const root = tree({ real: plugin('@stock-sync/plugin-linked') });
    const dir = mkdtempSync(join(tmpdir(), 'plugins-linked-'));
    symlinkSync(join(root, 'real'), join(dir, 'linked'));
    expect(discoverPluginPackages(dir).packages.map((p) => [p.id, p.dir])).toEqual([['linked', join(dir, 'linked')]]);
  });

  it('finds nothing in a directory that does not exist', () => {
    expect(discoverPluginPackages(join(tmpdir(), 'no-such-plugins-dir-for-this-test'))).toEqual({ packages: [], unreadable: [] });
  });
});
