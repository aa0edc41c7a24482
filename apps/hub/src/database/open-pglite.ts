/** Opening the embedded database's data directory, the same way in the hub's thread and on the database thread. */
import * as fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';

/**
 * The embedded database's buffer cache. PGlite's default (PostgreSQL's 128 MB) lives inside the hub's own memory:
 * at 1 000 stores it held the hub's peak RSS at 550–600 MB; 64 MB brought it to 482 MB. With PGlite on its own
 * thread (whose heap adds ≈ 70 MB), 32 MB: 518–535 MB against 573–578 MB at 64 MB, store times inside the runs'
 * spread (tooling/bench/README.md, issue 10). Pages beyond it are read from the data directory through the OS's cache.
 */
export const EMBEDDED_SHARED_BUFFERS = '32MB';

/** Opens (creating if needed) the embedded database directory. */
export async function openPGlite(dataDir: string): Promise<PGlite> {
  if (!dataDir.startsWith('memory://')) fs.mkdirSync(dataDir, { recursive: true });
  return PGlite.create(dataDir, { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`] });
}
