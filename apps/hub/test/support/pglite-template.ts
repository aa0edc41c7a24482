/**
 * PGlite's initdb takes ~10-15 s on the reference machine; loading a dump of a fresh data dir takes ~2 s.
 * Jest's globalSetup makes the dump once (cached in the OS temp dir per PGlite version) and every test
 * file opens its own in-memory PGlite from it. The dump is an empty cluster: migrations still run on
 * every hub start, exactly as in production.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

function templatePath(): string {
  // package.json is not in the package's exports: read it next to the resolved entry (dist/…).
  const pkg = path.join(path.dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
  const version = (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version;
  return path.join(os.tmpdir(), `stock-sync-hub-pglite-${version}-initdb.tar`);
}

export async function ensurePGliteTemplate(): Promise<string> {
  const file = templatePath();
  if (fs.existsSync(file)) return file;
  const db = await PGlite.create();
  const dump = await db.dumpDataDir('none');
  await db.close();
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(tmp, file); // atomic: a concurrent run never reads half a file
  return file;
}

/** A fresh in-memory database (from the template when it exists). */
export async function openTestPGlite(): Promise<PGlite> {
  const file = templatePath();
  if (!fs.existsSync(file)) return PGlite.create();
  return PGlite.create({ loadDataDir: new Blob([fs.readFileSync(file)]) });
}

/** Prepares an on-disk data dir from the template (skips initdb), for tests of the embedded start path. */
export async function prepareDataDirFromTemplate(dataDir: string): Promise<void> {
  const file = templatePath();
  if (!fs.existsSync(file)) return;
  fs.mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir, { loadDataDir: new Blob([fs.readFileSync(file)]) });
  await db.close();
}
