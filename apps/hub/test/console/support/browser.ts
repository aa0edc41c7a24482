/**
 * Headless Chromium from the system packages (Debian's `chromium`), driven by playwright-core: no browser
 * download. Each browser gets a fresh profile; a failing step leaves a screenshot in test-artifacts/.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Gitignored; CI keeps it (see .ci/run). */
export const ARTIFACTS_DIR = path.resolve(__dirname, '..', '..', '..', 'test-artifacts', 'console');

export const INSTALL_HINT = 'apt-get update && apt-get install -y chromium';

/** CHROMIUM_PATH, else the usual places of the distribution's package; undefined when none is there. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);
  return candidates.find((p) => fs.existsSync(p));
}

export interface ConsoleBrowser {
  context: BrowserContext;
  page: Page;
  /** console errors and uncaught exceptions of the page (a CSP violation shows here). */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openBrowser(executablePath: string): Promise<ConsoleBrowser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'console-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return {
    context,
    page,
    pageErrors,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Runs one flow; on failure saves a full-page screenshot, prints where, and fails with the cause. */
export async function flow(page: Page, name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const file = path.join(ARTIFACTS_DIR, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    console.error(`console browser test "${name}" failed; screenshot: ${file}`);
    throw error;
  }
}
