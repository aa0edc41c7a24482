/**
 * Platforms that deliver every event to the app's one URL (Ecwid here; TikTok Shop and Big Cartel alike) send
 * their uninstall event there too: `POST /hooks/<platform>` hands a verified one to the uninstall handling — the
 * store is paused with the platform's reason — and a forged one changes nothing. On every test database, with
 * the Ecwid plugin and its simulator (connected through the install flow, which records the store's Ecwid id).
 */
import * as path from 'node:path';
import { startSimulator, type RunningSimulator } from '@stock-sync/plugin-testkit';
import { platformEnvKey } from '../../src/config/oauth-config';
import { oauthPlatforms } from '../oauth/support/oauth-platforms';
import { testDatabases } from '../support/test-databases';
import { connectThroughFlow } from './support/install-flow';
import { PLUGINS_DIR } from './support/platforms';
import { startSyncHub, type SyncTestHub } from './support/sync-hub';

jest.setTimeout(120_000);

const SUCCESS = 'https://merchant.example/connected';
const row = oauthPlatforms().rows.find((r) => r.id === 'ecwid');
if (!row && process.env.CI === 'true') throw new Error('notices-uninstall e2e: the Ecwid plugin is not built');
const describeIf = row ? describe : describe.skip;

type Signed = (
  storeId: string,
  at: Date,
  app: { clientId: string; clientSecret: string },
) => { headers: Record<string, string>; body: string };

for (const kind of testDatabases()) {
  describeIf(`an uninstall event at the app's one notice URL [${kind}]`, () => {
    let started: Awaited<ReturnType<typeof startSyncHub>> | undefined;
    let sim: RunningSimulator<unknown>;
    const hub = (): SyncTestHub => started!.hub;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const signed = (require(path.join(PLUGINS_DIR, 'ecwid', 'dist', 'simulator')) as { signedApplicationUninstalled: Signed })
      .signedApplicationUninstalled;

    beforeAll(async () => {
      sim = await startSimulator(row!.simulator, { port: 0, host: '127.0.0.1' });
      const key = platformEnvKey('ecwid');
      started = await startSyncHub(kind, {
        env: {
          HUB_CONNECT_SUCCESS_URL: SUCCESS,
          [`HUB_OAUTH_${key}_CLIENT_ID`]: row!.simulator.oauthApp.clientId,
          [`HUB_OAUTH_${key}_CLIENT_SECRET`]: row!.simulator.oauthApp.clientSecret,
          [`HUB_OAUTH_${key}_BASE_URL`]: sim.baseUrl,
        },
      });
    }, 120_000);
    afterAll(async () => {
      await sim?.close();
      await started?.stop();
    }, 60_000);

    it('a verified application.uninstalled pauses the store with the reason; a forged one changes nothing', async () => {
      const storeId = await connectThroughFlow(hub(), hub().url, { ...row!, sim }, { successUrl: SUCCESS });
      const post = (n: { headers: Record<string, string>; body: string }) =>
        fetch(`${hub().url}/hooks/ecwid`, { method: 'POST', headers: n.headers, body: n.body });

      const forged = signed(sim.credentials.storeId!, new Date(), { ...row!.simulator.oauthApp, clientSecret: 'not-the-app-secret' });
      const refused = await post(forged);
      expect([refused.status, ((await refused.json()) as { error: string }).error]).toEqual([401, 'invalid_signature']);
      expect((await hub().get(`/v1/stores/${storeId}`).expect(200)).body).toMatchObject({ status: 'active' });

      const res = await post(signed(sim.credentials.storeId!, new Date(), row!.simulator.oauthApp));
      expect([res.status, await res.json()]).toEqual([200, { paused: 1 }]);
      expect((await hub().get(`/v1/stores/${storeId}`).expect(200)).body).toMatchObject({
        status: 'paused',
        statusReason: 'app uninstalled on Ecwid (application.uninstalled webhook)',
      });
    });
  });
}
