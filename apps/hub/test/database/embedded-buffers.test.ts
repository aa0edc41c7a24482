/**
 * The embedded database opens with EMBEDDED_SHARED_BUFFERS as PostgreSQL's buffer cache (src/database/data-source-options.ts):
 * PGlite's own default, 128 MB, lives inside the hub's memory and held its peak RSS above 512 MB at 1 000 stores (issue 10).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EMBEDDED_SHARED_BUFFERS, openPGlite } from '../../src/database/data-source-options';
import { prepareDataDirFromTemplate } from '../support/pglite-template';

it("opens the embedded data directory with the hub's shared_buffers, not PGlite's 128 MB", async () => {
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hub-buffers-')), 'pglite');
  await prepareDataDirFromTemplate(dataDir);
  const db = await openPGlite(dataDir);
  try {
    expect(EMBEDDED_SHARED_BUFFERS).toBe('32MB');
    expect((await db.query<{ shared_buffers: string }>('SHOW shared_buffers')).rows[0].shared_buffers).toBe('32MB');
    // The rest of PGlite's start parameters still apply (it runs with no worker processes).
    expect((await db.query<{ max_worker_processes: string }>('SHOW max_worker_processes')).rows[0].max_worker_processes).toBe('0');
  } finally {
    await db.close();
    fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  }
}, 60_000);
