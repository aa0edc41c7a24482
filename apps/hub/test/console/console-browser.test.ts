/**
 * The operations console in a real browser: headless Chromium (the system's package) driven by
 * playwright-core, against the real hub (in process, on PGlite and/or PostgreSQL per HUB_TEST_DATABASES)
 * syncing real plugins with their simulators. Runs are driven by hand (HUB_SCHEDULER=off,
 * SyncWorker.processStore, as a queue job would) so what the page shows is known. Without Chromium the
 * suite is skipped, saying how to install it.
 */
import type { RunningSimulator } from '@stock-sync/plugin-testkit';
import { TEST_TOKEN } from '../support/hub-harness';
import { testDatabases } from '../support/test-databases';
import { createPlatformStore, linkVariants, pod, postStock, putCatalog, qty, UNLIMITED } from '../e2e/support/e2e-scenario';
import { ref, startPlatform } from '../e2e/support/platforms';
import { startSyncHub, type SyncTestHub } from '../e2e/support/sync-hub';
import { ARTIFACTS_DIR, findChromium, flow, INSTALL_HINT, openBrowser, type ConsoleBrowser } from './support/browser';

jest.setTimeout(120_000);

const CHROMIUM = findChromium();
// In CI the browser is part of what the suite needs (.ci/run installs it): missing, the suite fails instead of skipping.
if (!CHROMIUM && process.env.CI)
  throw new Error(
    `no Chromium found (CHROMIUM_PATH, /usr/bin/chromium) and CI is set: the console browser tests must run. Install it: ${INSTALL_HINT}`,
  );
if (!CHROMIUM)
  console.warn(`console browser tests skipped: no Chromium found (CHROMIUM_PATH, /usr/bin/chromium). Install it: ${INSTALL_HINT}`);
const describeWithBrowser = CHROMIUM ? describe : describe.skip;

// Catalog variants and their places on the simulated shops.
const A = 7001; // POD, in stock → goes out of stock (the dry run's diff)
const B = 7002; // POD, stays in stock
const W = 7003; // warehouse, 5 in stock
const PRODUCT = '7100';
const variantRef = (id: number) => ({ productId: PRODUCT, variantId: String(id + 10) });

for (const kind of testDatabases()) {
  describeWithBrowser(`operations console in Chromium [${kind}]`, () => {
    let started: Awaited<ReturnType<typeof startSyncHub>> | undefined;
    let good: RunningSimulator<unknown>;
    let revoked: RunningSimulator<unknown>;
    let browser: ConsoleBrowser;
    let northStore: string;
    let brokenStore: string;
    let facility: string;
    const hub = (): SyncTestHub => started!.hub;

    beforeAll(async () => {
      console.log(`console browser tests: screenshots of failures go to ${ARTIFACTS_DIR}`);
      started = await startSyncHub(kind);
      good = await startPlatform('shopify');
      revoked = await startPlatform('shopify');
      for (const sim of [good, revoked]) {
        sim.seed([{ productId: PRODUCT, variants: [A, B, W].map((id) => ({ variantId: String(id + 10) })) }]);
      }
      const regions = (await hub().get('/v1/selling-regions').expect(200)).body as Array<{ code: string; facilities: string[] }>;
      facility = regions.find((r) => r.code === 'north_america')!.facilities[0]!;
      await putCatalog(hub(), [
        { id: A, productId: 70, fulfillment: 'pod' },
        { id: B, productId: 70, fulfillment: 'pod' },
        { id: W, productId: 71, fulfillment: 'warehouse' },
      ]);
      northStore = await createPlatformStore(hub(), good, { sellingRegion: 'north_america', name: 'Shopify North' });
      brokenStore = await createPlatformStore(hub(), revoked, { sellingRegion: 'north_america', name: 'Broken Boutique' });
      for (const id of [northStore, brokenStore]) {
        await linkVariants(
          hub(),
          id,
          [A, B, W].map((v) => ({ ...variantRef(v), catalogVariantId: v })),
        );
      }
      await postStock(hub(), [pod(A, facility, 'in_stock'), pod(B, facility, 'in_stock'), qty(W, facility, 5)]);
      revoked.faults.revokeCredentials();
      await hub().runStore(northStore);
      await hub().runStore(brokenStore);
      expect(good.stock(ref(PRODUCT, A + 10))).toEqual(UNLIMITED);
      // A facility change the store has not seen yet: what the dry run must show.
      await postStock(hub(), [pod(A, facility, 'out_of_stock')]);
      browser = await openBrowser(CHROMIUM!);
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await good?.close();
      await revoked?.close();
      await started?.stop();
    }, 60_000);

    it('signs in with an API token (refusing a wrong one) and shows the overview', async () => {
      const { page } = browser;
      await flow(page, `${kind}-sign-in`, async () => {
        await page.goto(`${hub().url}/console`);
        await page.getByLabel(/API token/).fill('not_the_right_token_0000');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('alert').filter({ hasText: 'The hub refused this token.' }).waitFor();
        await page.getByLabel(/API token/).fill(TEST_TOKEN);
        await page.getByLabel(/API token/).press('Enter');
        await page.getByRole('heading', { name: 'Overview' }).waitFor();
        await page.getByRole('heading', { name: 'Stores by platform and status' }).waitFor();
        const row = page.getByRole('row', { name: /shopify/ });
        expect((await row.innerText()).replace(/\s+/g, ' ')).toContain('shopify 1 0 1 2');
      });
    });

    it('finds a store that needs a person and sees why', async () => {
      const { page } = browser;
      await flow(page, `${kind}-needs-a-person`, async () => {
        await page.getByRole('link', { name: 'Stores', exact: true }).click();
        await page.getByLabel('Status').selectOption('needs_reconnect');
        const rows = page.locator('tbody tr');
        await page.getByText('1 store', { exact: true }).waitFor();
        expect(await rows.count()).toBe(1);
        await expect(rows.first().innerText()).resolves.toMatch(/Broken Boutique[\s\S]*needs reconnect[\s\S]*rejected the credentials/);
        await page.getByRole('link', { name: 'Broken Boutique' }).click();
        await page.getByRole('heading', { name: /Broken Boutique \(needs reconnect\)/ }).waitFor();
        const why = await page.locator('.notice').first().innerText();
        expect(why).toMatch(/^Why: the platform rejected the credentials/);
        // Its last run failed with the platform's auth error, shown in the runs table.
        await page.getByRole('heading', { name: 'Recent runs' }).waitFor();
        await expect(page.locator('section', { hasText: 'Recent runs' }).locator('tbody').innerText()).resolves.toMatch(
          /failed[\s\S]*auth/,
        );
      });
    });

    it('dry-runs a store and reads the diff, with nothing written to the platform', async () => {
      const { page } = browser;
      await flow(page, `${kind}-dry-run`, async () => {
        await page.goto(`${hub().url}/console#/stores`);
        await page.getByRole('searchbox', { name: 'Name contains' }).fill('north');
        await page.getByRole('button', { name: 'Search' }).click();
        await page.getByText('1 store', { exact: true }).waitFor();
        await page.getByRole('link', { name: 'Shopify North' }).click();
        await page.getByRole('heading', { name: /Shopify North \(active\)/ }).waitFor();
        const started = page.waitForResponse((r) => r.url().endsWith(`/v1/stores/${northStore}/sync`) && r.request().method() === 'POST');
        await page.getByRole('button', { name: 'Dry run' }).click();
        const answer = await started;
        expect(answer.status()).toBe(202);
        // The queue job's turn: this run only (the store's pending work would otherwise come first).
        const { runId } = (await answer.json()) as { runId: string };
        await hub().worker.processStore({ storeId: northStore, runId }, 1);
        const diff = page.locator('section', { has: page.getByRole('heading', { name: 'Dry run: what a sync would write' }) });
        await diff.waitFor();
        const rows = diff.locator('tbody tr');
        expect(await rows.count()).toBe(1);
        expect((await rows.first().innerText()).replace(/\s+/g, ' ').trim()).toBe(
          `${PRODUCT} ${A + 10} unlimited out of stock would write`,
        );
        await page.getByRole('status').filter({ hasText: 'Dry run succeeded: 1 changes would be written.' }).waitFor();
        expect(good.stock(ref(PRODUCT, A + 10))).toEqual(UNLIMITED);
      });
    });

    it("sees a variant's availability per facility and per selling region", async () => {
      const { page } = browser;
      await flow(page, `${kind}-variant`, async () => {
        // From the store's synced variants to the catalog variant.
        await page.getByRole('link', { name: String(A), exact: true }).click();
        await page.getByRole('heading', { name: `Catalog variant ${A}: catalog ${A}` }).waitFor();
        const facilities = page.locator('section', { has: page.getByRole('heading', { name: 'Per facility' }) });
        expect((await facilities.locator('tbody tr').first().innerText()).replace(/\s+/g, ' ')).toMatch(
          new RegExp(`^${facility} out of stock`),
        );
        const regions = (await hub().get('/v1/selling-regions').expect(200)).body as Array<{ code: string }>;
        const table = page.locator('section', { has: page.getByRole('heading', { name: 'Availability per selling region' }) });
        expect(await table.locator('tbody tr').count()).toBe(regions.length);
        const na = await table.getByRole('row', { name: /^north_america/ }).innerText();
        expect(na).toMatch(/out of stock/);
        // Keyboard: another id typed in the form.
        await page.getByLabel('Catalog variant id').fill(String(W));
        await page.getByLabel('Catalog variant id').press('Enter');
        await page.getByRole('heading', { name: `Catalog variant ${W}: catalog ${W}` }).waitFor();
        expect(await table.getByRole('row', { name: /^north_america/ }).innerText()).toMatch(/\b5\b/);
      });
    });

    it('lists the integrations, signs out, and the page raised no error (no CSP violation)', async () => {
      const { page } = browser;
      await flow(page, `${kind}-integrations`, async () => {
        await page.getByRole('link', { name: 'Integrations' }).click();
        await page
          .getByRole('row', { name: /Shopify/ })
          .first()
          .waitFor();
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.getByLabel(/API token/).waitFor();
        // Page code as text: the hub's tsconfig has no DOM types.
        expect(await page.evaluate('sessionStorage.length')).toBe(0);
        // The wrong token's 401 (first test) and a hub without GET /v1/integrations/refused (404) are expected answers.
        const expected = /Failed to load resource: the server responded with a status of 40[14]/;
        expect(browser.pageErrors.filter((e) => !expected.test(e))).toEqual([]);
        // The policy is in force: an inline script injected into the page does not run.
        const inlineRan = await page.evaluate(`(() => {
          const script = document.createElement('script');
          script.textContent = 'window.inlineRan = true';
          document.body.append(script);
          return window.inlineRan === true;
        })()`);
        expect(inlineRan).toBe(false);
      });
    });
  });
}
