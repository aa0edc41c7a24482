// The boundary rules of the ESLint config catch what they say they catch, and let the allowed imports be.
// Run with Node's test runner (`pnpm --filter @stock-sync/eslint-config test`).
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'eslint.config.mjs') });

/** The boundary findings for `source` as if it were the file at `file` (relative to the repository). */
async function boundaryFindings(file, source) {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

const cases = [
  ['packages/domain/src/x.ts', "import axios from 'axios';", /pure/],
  ['packages/domain/src/x.ts', "import { plugin } from '@stock-sync/plugin-sdk';", /no workspace package/],
  ['packages/plugin-api/src/x.ts', "import { decide } from '@stock-sync/domain';", /depends on nothing/],
  ['packages/plugin-api/src/x.ts', "import { validate } from 'class-validator';", /types and data only/],
  ['packages/plugin-api/src/x.ts', "import semver from 'semver';", /no package but Node built-ins/],
  ['plugins/shopify/src/x.ts', "import { simulator } from './simulator';", /never imports the simulator/],
  ['plugins/shopify/src/oauth/x.ts', "import { SIM_APP } from '../simulator/oauth';", /never imports the simulator/],
  ['packages/plugin-sdk/src/x.ts', "import { Injectable } from '@nestjs/common';", /no framework/],
  ['packages/plugin-sdk/src/x.ts', "import { x } from '@stock-sync/plugin-testkit';", /only on the domain/],
  ['packages/plugin-testkit/src/x.ts', "import { plugin } from '@stock-sync/plugin-shopify';", /no platform/],
  ['plugins/shopify/src/x.ts', "import { DataSource } from 'typeorm';", /never imports Nest, TypeORM|no framework/],
  ['plugins/shopify/src/x.ts', "import { plugin } from '@stock-sync/plugin-etsy';", /another plugin/],
  ['plugins/shopify/src/x.ts', "import { startSimulator } from '@stock-sync/plugin-testkit';", /only the simulator and tests/],
  ['plugins/shopify/test/x.ts', "import { createHubApp } from '@stock-sync/hub';", /never imports the hub/],
  ['apps/hub/src/x.ts', "import { plugin } from '@stock-sync/plugin-shopify';", /plugins are discovered/],
  ['packages/client/src/x.ts', "import { createHubApp } from '@stock-sync/hub';", /stands alone/],
];

for (const [file, source, reason] of cases) {
  test(`${file}: ${source}`, async () => {
    const found = await boundaryFindings(file, source);
    assert.equal(found.length, 1, `expected one boundary finding, got ${JSON.stringify(found)}`);
    assert.match(found[0], reason);
  });
}

const allowed = [
  ['packages/plugin-sdk/src/x.ts', "import { decide } from '@stock-sync/domain';"],
  ['plugins/shopify/src/simulator/x.ts', "import { startSimulator } from '@stock-sync/plugin-testkit';"],
  ['plugins/shopify/test/x.ts', "import { runContract } from '@stock-sync/plugin-testkit';"],
  ['plugins/shopify/src/x.ts', "import { HttpClient } from '@stock-sync/plugin-sdk';"],
  ['plugins/shopify/src/x.ts', "import type { IntegrationPlugin } from '@stock-sync/plugin-api';"],
  ['plugins/shopify/src/simulator/x.ts', "import { SIM_APP } from './oauth';"],
  ['packages/domain/src/x.ts', "import type { TargetStock } from '@stock-sync/plugin-api';"],
  ['packages/plugin-sdk/src/x.ts', "import { AuthError } from '@stock-sync/plugin-api';"],
  ['apps/hub/src/x.ts', "import { Injectable } from '@nestjs/common';"],
  ['packages/plugin-api/src/x.ts', "import { readFileSync } from 'node:fs';"],
  ['packages/plugin-api/src/x.ts', "import { PluginError } from './errors';"],
  ['packages/plugin-api/test/x.ts', "import semver from 'semver';"],
  ['apps/hub/test/x.ts', "import { plugin } from '@stock-sync/plugin-shopify';"],
];

for (const [file, source] of allowed) {
  test(`allowed: ${file}: ${source}`, async () => {
    assert.deepEqual(await boundaryFindings(file, source), []);
  });
}
