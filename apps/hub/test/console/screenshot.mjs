// Screenshots of the operations console for the README, from a running hub (e.g. the demo's: `npm start`
// prints its URL and token). Signs in through the page as an operator would.
//
//   CONSOLE_TOKEN=<token> node apps/hub/test/console/screenshot.mjs <hub url> <out.png> [#/route]
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';

const [url, out, route = '#/overview'] = process.argv.slice(2);
const token = process.env.CONSOLE_TOKEN;
const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
if (!url || !out || !token) {
  console.error('usage: CONSOLE_TOKEN=<token> node screenshot.mjs <hub url> <out.png> [#/route]');
  process.exit(2);
}
if (!executablePath) {
  console.error('no Chromium found: apt-get update && apt-get install -y chromium');
  process.exit(2);
}

const profile = mkdtempSync(join(tmpdir(), 'console-shot-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  // Tall enough for the whole overview (a full-page capture stopped at the viewport's height).
  viewport: { width: 1280, height: 1350 },
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
  ],
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${url}/console`);
  await page.getByLabel(/API token/).fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The overview's tables, not just its heading: the figures have arrived.
  await page.getByRole('heading', { name: 'Stores by platform and status' }).waitFor({ timeout: 60_000 });
  if (route !== '#/overview') await page.goto(`${url}/console${route}`);
  await page.waitForLoadState('networkidle');
  await page.locator('.loading').waitFor({ state: 'detached', timeout: 60_000 });
  mkdirSync(dirname(out), { recursive: true });
  await page.screenshot({ path: out, fullPage: true });
  console.log(`saved ${out}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
