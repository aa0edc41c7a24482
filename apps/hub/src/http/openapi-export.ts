/**
 * `node dist/http/openapi-export.js <file.json>` writes the hub's OpenAPI document — the one it serves at
 * /docs/openapi.json — without listening anywhere: the application is built on a throwaway in-memory
 * database with no plugins and no scheduler, asked for its document, and closed. The typed client
 * (packages/client) is generated from this file, and CI lints it with `redocly lint`.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { OpenAPIObject } from '@nestjs/swagger';
import { createHubApp } from '../bootstrap';
import { loadHubConfig } from '../config/hub-config';
import { buildOpenApiDocument } from './openapi';

export async function exportOpenApiDocument(): Promise<OpenAPIObject> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-openapi-'));
  const pluginsDir = path.join(dir, 'plugins');
  fs.mkdirSync(pluginsDir);
  const config = loadHubConfig(
    {
      // Throwaway values: nothing is served, stored or encrypted.
      HUB_API_TOKENS: randomBytes(16).toString('hex'),
      HUB_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      HUB_DATA_DIR: dir,
      HUB_PLUGINS_DIR: pluginsDir,
      HUB_SCHEDULER: 'off',
      HUB_LOG_LEVEL: 'error',
    },
    () => undefined,
  );
  const pglite = await PGlite.create();
  try {
    const app = await createHubApp({ config, pglite });
    try {
      return buildOpenApiDocument(app);
    } finally {
      await app.close();
    }
  } finally {
    if (!pglite.closed) await pglite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Stable text for the file (two-space JSON and a final newline), so regenerating an unchanged API diffs empty. */
export function documentText(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

if (require.main === module) {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: node dist/http/openapi-export.js <file.json>');
    process.exit(2);
  }
  exportOpenApiDocument().then(
    (document) => {
      fs.writeFileSync(out, documentText(document));
      console.log(`OpenAPI ${document.openapi} document of ${Object.keys(document.paths).length} paths written to ${out}`);
    },
    (e: unknown) => {
      console.error(`failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      process.exit(1);
    },
  );
}
