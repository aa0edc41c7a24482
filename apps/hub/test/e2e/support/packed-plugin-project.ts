/**
 * A throwaway host project OUTSIDE the workspace (in os.tmpdir()) with a plugin installed from its packed
 * tarball, as an outside team's package would be installed from a registry: `pnpm pack` of the plugin and of
 * the workspace packages it needs (the plugin API, the SDK and the domain it uses, the testkit its ./simulator
 * needs), then `pnpm install --offline` from pnpm's local store (no network). Their workspace:* versions
 * exist in no registry, so the project's pnpm overrides point every one at its tarball.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REPO = path.resolve(__dirname, '..', '..', '..', '..', '..');
/** The workspace's pinned pnpm (README: pnpm comes through npx at a pinned version). */
const PNPM = ['-y', 'pnpm@12.4.2'];
const SUPPORT_PACKAGES = ['packages/plugin-api', 'packages/domain', 'packages/plugin-sdk', 'packages/plugin-testkit'];

export interface PackedPluginProject {
  dir: string;
  packageName: string;
  /** Removes the project and its tarballs. */
  remove(): void;
}

async function pack(packageDir: string, dest: string): Promise<{ name: string; tarball: string }> {
  const { stdout } = await run('npx', [...PNPM, 'pack', '--pack-destination', dest], { cwd: packageDir, maxBuffer: 16 << 20 });
  const tarball = stdout.trim().split('\n').pop()!.trim();
  if (!tarball.endsWith('.tgz') || !fs.existsSync(tarball)) throw new Error(`pnpm pack in ${packageDir} printed no tarball: ${stdout}`);
  const name = (JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { name: string }).name;
  return { name, tarball };
}

export async function installPackedPlugin(pluginDir: string): Promise<PackedPluginProject> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'packed-plugin-host-'));
  const tarballs = path.join(dir, 'tarballs');
  fs.mkdirSync(tarballs);
  // One pnpm at a time per package dir; the packs are independent, so they go together.
  const packed = await Promise.all([pluginDir, ...SUPPORT_PACKAGES.map((p) => path.join(REPO, p))].map((p) => pack(p, tarballs)));
  const [plugin, ...support] = packed;
  const spec = (p: { tarball: string }) => `file:${p.tarball}`;
  const byName = Object.fromEntries(packed.map((p) => [p.name, spec(p)]));
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify(
      {
        name: 'packed-plugin-host',
        private: true,
        // The plugin, the API it peers on, and the testkit its ./simulator needs (optional peer).
        dependencies: {
          [plugin!.name]: spec(plugin!),
          '@stock-sync/plugin-api': byName['@stock-sync/plugin-api'],
          '@stock-sync/plugin-testkit': byName['@stock-sync/plugin-testkit'],
        },
      },
      null,
      2,
    ),
  );
  fs.writeFileSync(path.join(dir, 'pnpm-workspace.yaml'), `overrides:\n${support.map((p) => `  '${p.name}': '${spec(p)}'`).join('\n')}\n`);
  await run('npx', [...PNPM, 'install', '--offline', '--config.confirmModulesPurge=false'], { cwd: dir, maxBuffer: 16 << 20 });
  return { dir, packageName: plugin!.name, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
