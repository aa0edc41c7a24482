import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { installedPackageDir, installedPluginPackages } from '../src';

/** A host project with node_modules: one plugin, one ordinary package, a scoped plugin installed one level up. */
function project(): { root: string; projectDir: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'installed-plugins-'));
  const projectDir = path.join(root, 'host');
  const write = (dir: string, pkg: object) => {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg));
  };
  const plugin = (name: string) => ({ name, stockSync: { role: 'integration-plugin', pluginApi: '^1.0.0', plugin: 'dist/index.js' } });
  write(projectDir, { name: 'host', dependencies: { '@acme/plugin-alpha': '1.0.0', lodash: '4', '@acme/plugin-beta': '1.0.0' } });
  write(path.join(projectDir, 'node_modules', '@acme', 'plugin-alpha'), plugin('@acme/plugin-alpha'));
  write(path.join(projectDir, 'node_modules', 'lodash'), { name: 'lodash' });
  write(path.join(root, 'node_modules', '@acme', 'plugin-beta'), plugin('@acme/plugin-beta'));
  write(path.join(root, 'node_modules', '@acme', 'plugin-gamma'), plugin('@acme/plugin-gamma'));
  return { root, projectDir };
}

describe('installedPluginPackages', () => {
  const { root, projectDir } = project();
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('finds a package like Node does, from the project up', () => {
    expect(installedPackageDir('@acme/plugin-beta', projectDir)).toBe(fs.realpathSync(path.join(root, 'node_modules/@acme/plugin-beta')));
    expect(installedPackageDir('nope', projectDir)).toBeUndefined();
  });

  it('loads every dependency of the project that declares stockSync, and no other package', () => {
    const scan = installedPluginPackages({ projectDir, scanDependencies: true });
    expect(scan.packages.map((p) => [p.id, p.packageName])).toEqual([
      ['alpha', '@acme/plugin-alpha'],
      ['beta', '@acme/plugin-beta'],
    ]);
    expect(scan.packages[0]!.pluginEntry).toBe(path.join(fs.realpathSync(projectDir), 'node_modules/@acme/plugin-alpha/dist/index.js'));
    expect(scan.unreadable).toEqual([]);
  });

  it('loads named packages, and says why a named one cannot be', () => {
    const scan = installedPluginPackages({ projectDir, names: ['@acme/plugin-gamma', 'lodash', '@acme/missing'] });
    expect(scan.packages.map((p) => p.id)).toEqual(['gamma']);
    expect(scan.unreadable.map((u) => u.reason)).toEqual([
      'package lodash does not declare itself an integration plugin (stockSync)',
      `package @acme/missing is not installed (from ${projectDir})`,
    ]);
  });
});
