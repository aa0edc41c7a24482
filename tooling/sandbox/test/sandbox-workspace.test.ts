/**
 * The sandbox over the real workspace: every plugin package that declares a simulator must start, answer
 * its inspection route, and accept the credentials the sandbox prints, through the real plugin and the
 * SDK's HTTP client (exactly how the hub verifies a new store).
 */
import {
  AuthError,
  createHttpClient,
  secretValues,
  validateCredentials,
  type IntegrationPlugin,
  type PluginLogger,
} from '@stock-sync/plugin-sdk';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverPluginPackages } from '@stock-sync/plugin-sdk';
import { loadPlugin } from '../src/load-modules';
import { describeSandbox, describeSimulator } from '../src/sandbox-guide';
import { startSandbox, type Sandbox, type SandboxSimulator } from '../src/start-sandbox';
import { DEFAULT_PLUGINS_DIR } from '../src/workspace-root';

function shopperView(stock: unknown): string {
  const s = stock as { kind?: string; quantity?: number };
  if (s?.kind === 'out_of_stock' || (s?.kind === 'quantity' && s.quantity === 0)) return 'sold out';
  if (s?.kind === 'unlimited' || (s?.kind === 'quantity' && (s.quantity ?? 0) >= 900)) return 'unlimited';
  return s?.kind === 'quantity' ? `quantity ${s.quantity}` : JSON.stringify(stock);
}

const quiet: PluginLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** The credentials JSON exactly as printed for this simulator. */
function printedCredentials(sim: SandboxSimulator): Record<string, string> {
  const lines = describeSimulator(sim);
  const at = lines.findIndex((l) => l.includes('credentials for POST /v1/stores'));
  return JSON.parse(lines[at + 1].trim());
}

function connect(plugin: IntegrationPlugin, credentials: Record<string, string>) {
  const validated = validateCredentials(plugin.credentialFields, credentials);
  if (!validated.ok) throw new Error(`credentials do not validate: ${validated.errors.map((e) => e.message).join('; ')}`);
  const http = createHttpClient({
    rateLimit: plugin.manifest.rateLimit,
    secrets: secretValues(plugin.credentialFields, validated.values),
    maxAttempts: 2,
    baseDelayMs: 20,
  });
  return plugin.connect({ credentials: validated.values, http, log: quiet });
}

const declared = discoverPluginPackages(DEFAULT_PLUGINS_DIR).packages.filter((p) => p.simulatorEntry);
/**
 * The plugins this package depends on are built before its tests (turbo's ^build), so they must run.
 * A plugin package added to the workspace since may not be built yet in a filtered run: it must then be
 * skipped for exactly that reason, and run like the others once it is built.
 */
const ownPackage = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
};
const guaranteedBuilt = new Set(Object.keys(ownPackage.devDependencies).filter((d) => d.startsWith('@stock-sync/plugin-')));
const built = declared.filter((p) => guaranteedBuilt.has(p.packageName) || fs.existsSync(p.simulatorEntry!));
const notBuilt = declared.filter((p) => !built.includes(p));

describe('the sandbox over the workspace plugins', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ basePort: 0, seed: true });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('finds plugin packages that declare a simulator, including every one this package depends on', () => {
    expect(declared.length).toBeGreaterThan(0);
    for (const name of guaranteedBuilt) expect(declared.map((p) => p.packageName)).toContain(name);
  });

  it('starts every built simulator on loopback, and skips only plugins that are not built yet', () => {
    expect(sandbox.simulators.map((s) => s.package.packageName).sort()).toEqual(built.map((p) => p.packageName).sort());
    for (const s of sandbox.simulators) expect(s.simulator.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.skipped.map((s) => s.packageName).sort()).toEqual(notBuilt.map((p) => p.packageName).sort());
    for (const s of sandbox.skipped) expect(s.reason).toMatch(/does not exist \(is the package built\?\)/);
  });

  it('prints a block per simulator with its URL, credentials and inspection commands', () => {
    const text = describeSandbox(sandbox, { seeded: true });
    for (const s of sandbox.simulators) {
      expect(text).toContain(`${s.displayName} (platform "${s.id}")  ${s.simulator.baseUrl}`);
      expect(text).toContain(`curl ${s.simulator.baseUrl}/__sim/stock`);
      expect(text).toContain(`curl ${s.simulator.baseUrl}/__sim/requests`);
      expect(text).toContain(`${s.simulator.baseUrl}/__sim/faults`);
      expect(s.seedError).toBeUndefined();
    }
  });

  describe.each(built.map((p) => [p.id]))('%s', (id) => {
    const sim = () => {
      const s = sandbox.get(id);
      if (!s) throw new Error(`simulator ${id} is not running`);
      return s;
    };
    const plugin = () => {
      const loaded = loadPlugin(sim().package);
      if (!loaded.ok) throw new Error(loaded.reason);
      return loaded.value;
    };

    it('answers GET /__sim/stock with the seeded sample catalog', async () => {
      const res = await fetch(`${sim().simulator.baseUrl}/__sim/stock`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { variants: { productId: string; variantId: string; stock: unknown }[] };
      expect(body.variants).toHaveLength(5);
      // As a shopper sees it: some platforms show sold out as quantity 0, or emulate unlimited with a high quantity.
      expect(body.variants.map((v) => shopperView(v.stock)).sort()).toEqual([
        'quantity 12',
        'quantity 3',
        'sold out',
        'unlimited',
        'unlimited',
      ]);
    });

    it('prints credentials that include the baseUrl and that the real plugin verifies', async () => {
      const creds = printedCredentials(sim());
      expect(creds.baseUrl).toBe(sim().simulator.baseUrl);
      await expect(connect(plugin(), creds).verify()).resolves.toBeUndefined();
    });

    it('is a real check: a wrong secret fails verification with AuthError', async () => {
      const p = plugin();
      const creds = printedCredentials(sim());
      const secret =
        p.credentialFields.find((f) => f.secret && f.required && creds[f.name]) ??
        p.credentialFields.find((f) => f.secret && creds[f.name]);
      expect(secret).toBeDefined();
      const wrong = { ...creds, [secret!.name]: `${creds[secret!.name]}-wrong` };
      await expect(connect(p, wrong).verify()).rejects.toBeInstanceOf(AuthError);
    });
  });
});
