/**
 * A real hub for the client's tests: the @stock-sync/hub application started in-process on its embedded
 * database (a fresh data dir), no plugins, no scheduler, listening on 127.0.0.1:0.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHubApp, loadHubConfig } from '@stock-sync/hub';

export interface RunningHub {
  url: string;
  token: string;
  stop(): Promise<void>;
}

export async function startHub(): Promise<RunningHub> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'client-test-hub-'));
  fs.mkdirSync(path.join(dir, 'plugins'));
  const token = `client_test_${randomBytes(12).toString('hex')}`;
  const config = loadHubConfig(
    {
      HUB_API_TOKENS: token,
      HUB_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      HUB_DATA_DIR: dir,
      HUB_PLUGINS_DIR: path.join(dir, 'plugins'),
      HUB_SCHEDULER: 'off',
      HUB_LOG_LEVEL: 'error',
    },
    () => undefined,
  );
  const app = await createHubApp({ config });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    url,
    token,
    async stop() {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
