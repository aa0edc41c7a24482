/**
 * A throwaway host project OUTSIDE the workspace (in os.tmpdir()) with a plugin installed from its packed
 * tarball, as an outside team's package would be installed from a registry: `pnpm pack` of the plugin and of
 * the workspace packages it needs (the plugin API, the SDK and the domain it uses, the testkit its ./simulator
 * needs), then `pnpm install --offline` from pnpm's local store (no network). Their workspace:* versions
 * exist in no registry, so the project's pnpm overrides point every one at its tarball. Every other package is
 * pinned to the version the workspace's lockfile holds (which the workspace's install put in the store): left to
 * resolve, pnpm picked the newest version its cached registry metadata knew — a @types/validator published after
 * the lockfile was written — and failed offline on a tarball the store never had.
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

/**
 * The workspace lockfile's third-party versions as pnpm overrides: `name: version` when it holds one version,
 * else one `name@^base: version` per caret range (the highest of each), so each dependent keeps its own line.
 */
export function lockfileOverrides(lockfile: string): Record<string, string> {
  const versions = new Map<string, Set<string>>();
  for (const [, name, version] of lockfile.matchAll(/^ {2}'?(@?[^@\s']+)@(\d[^':\s(]*)/gm)) {
    if (name!.startsWith('@stock-sync/')) continue;
    versions.set(name!, (versions.get(name!) ?? new Set()).add(version!));
  }
  const overrides: Record<string, string> = {};
  for (const [name, set] of versions) {
    if (set.size === 1) {
      overrides[name] = [...set][0]!;
      continue;
    }
    const byRange = new Map<string, string>();
    for (const version of set) {
      const range = caretBase(version);
      const held = byRange.get(range);
      if (!held || compareVersions(version, held) > 0) byRange.set(range, version);
    }
    for (const [range, version] of byRange) overrides[`${name}@^${range}`] = version;
  }
  return overrides;
}

/** The lowest version of the caret range a version falls in: 8.20.0 → 8.0.0, 0.3.7 → 0.3.0, 0.0.5 → 0.0.5. */
function caretBase(version: string): string {
  const [major = '0', minor = '0', patch = '0'] = version.split(/[.+-]/);
  if (major !== '0') return `${major}.0.0`;
  if (minor !== '0') return `0.${minor}.0`;
  return `0.0.${patch}`;
}

function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[+-]/)[0]!.split('.').map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
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
  const overrides = {
    ...lockfileOverrides(fs.readFileSync(path.join(REPO, 'pnpm-lock.yaml'), 'utf8')),
    ...Object.fromEntries(support.map((p) => [p.name, spec(p)])),
  };
  fs.writeFileSync(
    path.join(dir, 'pnpm-workspace.yaml'),
    `overrides:\n${Object.entries(overrides)
      .map(([name, version]) => `  '${name}': '${version}'`)
      .join('\n')}\n`,
  );
  await run('npx', [...PNPM, 'install', '--offline', '--config.confirmModulesPurge=false'], { cwd: dir, maxBuffer: 16 << 20 });
  return { dir, packageName: plugin!.name, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
