// The files of a new plugin package. Shapes follow plugins/woocommerce (package.json, tsconfigs, jest config).
'use strict';

const json = (v) => `${JSON.stringify(v, null, 2)}\n`;

/** A new plugin is built for the plugin API of this workspace: it asks for its version or a newer minor. */
const PLUGIN_API_RANGE = `^${require('../../../packages/plugin-api/package.json').version}`;

/** Identifier-safe form of an id, for constants ('big-cartel' → 'BIG_CARTEL'). */
const constName = (id) => id.toUpperCase().replace(/-/g, '_');
/** Type-name form ('big-cartel' → 'BigCartel'). */
const pascalName = (id) =>
  id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

/** A text as the body of a single-quoted TypeScript string (O'Shop → O\'Shop). */
const singleQuoted = (text) => text.replace(/\\/g, '\\\\').replace(/'/g, "\\'");

/** @param {{ id: string, displayName: string, packageName: string, toolingRel: string }} c */
function pluginFiles(c) {
  const C = constName(c.id);
  const P = pascalName(c.id);
  const name = singleQuoted(c.displayName);
  return {
    // The published shape (issue 11): the plugin API as a peer, the simulator as the ./simulator subpath with
    // the testkit as a dev (and optional peer) dependency, so the production entry carries no test code.
    'package.json': json({
      name: c.packageName,
      version: '0.1.0',
      description: `${c.displayName} stock-sync plugin and its platform simulator.`,
      license: 'UNLICENSED',
      main: 'dist/index.js',
      types: 'dist/index.d.ts',
      exports: {
        '.': { types: './dist/index.d.ts', default: './dist/index.js' },
        './simulator': { types: './dist/simulator/index.d.ts', default: './dist/simulator/index.js' },
        './package.json': './package.json',
      },
      files: ['dist', 'README.md'],
      publishConfig: { access: 'restricted' },
      scripts: {
        build: 'tsc -p tsconfig.build.json',
        typecheck: 'tsc -p tsconfig.json --noEmit',
        test: 'jest',
        lint: `node ${c.toolingRel}/scripts/check-boundaries.js`,
      },
      stockSync: { role: 'integration-plugin', pluginApi: PLUGIN_API_RANGE, plugin: 'dist/index.js', simulator: 'dist/simulator/index.js' },
      dependencies: { '@stock-sync/plugin-sdk': 'workspace:*' },
      peerDependencies: { '@stock-sync/plugin-api': PLUGIN_API_RANGE, '@stock-sync/plugin-testkit': 'workspace:^' },
      peerDependenciesMeta: { '@stock-sync/plugin-testkit': { optional: true } },
      devDependencies: {
        '@stock-sync/jest-preset': 'workspace:*',
        '@stock-sync/plugin-api': 'workspace:*',
        '@stock-sync/plugin-testkit': 'workspace:*',
        '@stock-sync/tsconfig': 'workspace:*',
      },
    }),

    'tsconfig.json': json({
      extends: `${c.toolingRel}/tsconfig/base.json`,
      compilerOptions: { rootDir: '.', noEmit: true },
      include: ['src', 'test'],
    }),

    'tsconfig.build.json': json({
      extends: `${c.toolingRel}/tsconfig/base.json`,
      compilerOptions: { rootDir: 'src', outDir: 'dist', types: ['node'] },
      include: ['src'],
      exclude: ['src/**/*.test.ts'],
    }),

    'jest.config.js': "module.exports = require('@stock-sync/jest-preset').createJestConfig(__dirname);\n",

    // The platform's facts as data (issue 11): src/manifest.json holds the manifest and the credential fields,
    // src/manifest.ts reads them with the SDK's manifestFromJson (checked at import, as the host checks them).
    'src/manifest.json': json({
      id: c.id,
      displayName: c.displayName,
      capabilities: { unlimitedStock: 'native', maxBatch: 50 },
      rateLimit: { requestsPerSecond: 2, burst: 10, note: 'TODO: the documented limit and its source (URL)' },
      credentialFields: [{ name: 'accessToken', secret: true, required: true, description: 'TODO: where the merchant finds it' }],
    }),

    'src/manifest.ts': `/**
 * ${c.displayName}: platform facts as data (manifest.json). Replace every TODO there with the documented value
 * and cite its source in README.md (batch size, rate limit, how "unlimited" is expressed, docsUrl). This file
 * keeps only the constants the code uses.
 */
import { manifestFromJson } from '@stock-sync/plugin-sdk';
import facts from './manifest.json';

/**
 * The manifest and credential fields the host reads. The SDK adds contractVersion (CONTRACT_VERSION) and the
 * deprecated capabilities.readBack, and checks both against the host's rules here, naming a wrong field. The
 * optional baseUrl credential is accepted for every plugin by the SDK; no need to declare it.
 */
export const { manifest, credentialFields } = manifestFromJson(facts);

/** The most variant changes one ${c.displayName} write call carries (manifest.json capabilities.maxBatch). */
export const ${C}_MAX_BATCH = manifest.capabilities.maxBatch;

export const DEFAULT_BASE_URL = 'https://api.${c.id}.example'; // TODO: the platform's API base URL
`,

    'src/connection.ts': `/**
 * One ${c.displayName} store's connection on the SDK's batched pipeline: outcome slots, unusable ids set
 * aside, duplicates, groups, chunks of maxBatch, the in-place rule, the stop rule and filling the rest are the
 * SDK's. What is left to write: the platform's ids, its calls and what their answers mean. Skeleton: every
 * call throws until it is written, so the contract test fails until then.
 */
import { batched } from '@stock-sync/plugin-sdk';
import type { HttpClient, PluginLogger, StoreConnection } from '@stock-sync/plugin-api';
import { ${C}_MAX_BATCH, manifest } from './manifest';

function notImplemented(): never {
  throw new Error('not implemented');
}

export function connection(api: HttpClient, log: PluginLogger): StoreConnection {
  void api;
  return batched({
    platform: manifest.displayName,
    id: manifest.id,
    log,
    // TODO: the platform's reading of a variant's ids; undefined when they cannot be its ids (failed without a call).
    ids: (ref) => ({ productId: ref.externalProductId, variantId: ref.externalVariantId }),
    // TODO: one cheap call that proves the credentials (throw AuthError when refused).
    verify: async () => notImplemented(),
    write: {
      // TODO: the scope of one write call (e.g. the parent product), or remove for store-wide batches.
      groupBy: (item) => item.productId,
      maxBatch: ${C}_MAX_BATCH,
      // TODO: one call (absolute values, idempotent: true). Throw what stops the work; return one verdict per
      // item (undefined: written, or the PluginError it fails with) once the answer shows what landed.
      run: async () => notImplemented(),
    },
    read: {
      groupBy: (item) => item.productId,
      // TODO: one call; return each item's TargetStock, or the PluginError it fails with (NotFound when gone).
      run: async () => notImplemented(),
    },
  });
}
`,

    'src/index.ts': `/**
 * The ${c.displayName} plugin. Skeleton: the connection (src/connection.ts) throws until it is written, so
 * the contract test fails until then. Call the platform only through ctx.http (the one retry layer).
 */
import type { IntegrationPlugin, StoreConnection } from '@stock-sync/plugin-api';
import { connection } from './connection';
import { credentialFields, DEFAULT_BASE_URL, manifest } from './manifest';

export const plugin: IntegrationPlugin = {
  manifest,
  credentialFields,
  connect({ credentials, http, log }): StoreConnection {
    // TODO: the platform's auth header.
    const api = http.extend({
      baseURL: credentials.baseUrl ?? DEFAULT_BASE_URL,
      headers: { Authorization: \`Bearer \${credentials.accessToken}\` },
    });
    return connection(api, log);
  },
  // Optional: connecting a store by the platform's install / consent flow (see the SDK README, "Connecting by
  // the platform's install flow"). Mostly data; code only for the platform's quirks. Uncomment and fill in
  // from the platform's documentation (cite each URL in README.md); mount the testkit's OAuth kit (withOAuth)
  // on the simulator and add runOAuthContract({ plugin, simulator }) to the tests.
  // oauth: {
  //   authorizeUrl: 'https://${c.id}.example/oauth/authorize',  // TODO: the consent URL ({name} placeholders allowed)
  //   tokenUrl: 'https://${c.id}.example/oauth/token',          // TODO: the token endpoint
  //   scopes: ['TODO'],
  //   // pkce: 'S256', scopeDelimiter: ',', tokenRequest: { clientAuthentication: 'basic' },
  //   tokenLifetime: { accessTokenSeconds: 3600, source: 'TODO: the URL that states it' },
  //   toConnectedStore: (token) => ({
  //     externalStoreId: 'TODO: the platform id of the store',
  //     credentials: { accessToken: String(token.access_token) },
  //   }),
  //   // verifyCallback(req, app) { ... }, verifyUninstall(req, app) { ... }: when the platform signs them.
  // },
  // Where access tokens expire: renew them with the SDK's standard refresh grant.
  // refreshCredentials: (ctx) => refreshTokenGrant(ctx, { platform: '${name}', tokenUrl: 'https://${c.id}.example/oauth/token' }),
};

export default plugin;
`,

    'src/simulator/index.ts': `/**
 * Simulator of ${c.displayName}: a real HTTP server run by the testkit. Skeleton: it keeps neutral
 * stock per variant and checks a bearer token; model the platform's own representation, routes,
 * rules and throttled answer (with sources) before relying on it.
 */
import { throttledAnswer } from '@stock-sync/plugin-testkit/simulator';
import type { PlatformSimulatorDefinition } from '@stock-sync/plugin-testkit/simulator';
import type { TargetStock, VariantRef } from '@stock-sync/plugin-api';

export interface ${P}SimState {
  variants: Map<string, TargetStock>;
  seeded: Set<string>;
}

const key = (ref: VariantRef) => \`\${ref.externalProductId}/\${ref.externalVariantId}\`;

export const simulator: PlatformSimulatorDefinition<${P}SimState> = {
  id: '${c.id}',
  displayName: '${name}',
  createState: () => ({ variants: new Map(), seeded: new Set() }),
  credentials: (baseUrl) => ({ baseUrl, accessToken: '${c.id.replace(/-/g, '_')}_test_token_0001' }),
  seed(state, products) {
    for (const p of products) {
      for (const v of p.variants) {
        const k = key({ externalProductId: p.productId, externalVariantId: v.variantId });
        state.variants.set(k, v.initial ?? { kind: 'unlimited' });
        state.seeded.add(k);
      }
    }
  },
  inspect(state, ref) {
    const k = key(ref);
    return state.variants.get(k) ?? (state.seeded.has(k) ? 'deleted' : undefined);
  },
  deleteVariant(state, ref) {
    state.variants.delete(key(ref));
  },
  manualEdit(state, ref, to) {
    if (state.variants.has(key(ref))) state.variants.set(key(ref), to);
  },
  authenticate(req, creds, revoked) {
    // TODO: the platform's auth scheme and its exact refusal.
    if (revoked || req.headers.authorization !== \`Bearer \${creds.accessToken}\`) return { status: 401, body: { error: 'unauthorized' } };
    return undefined;
  },
  rateLimit: {
    // TODO: the documented budget and the platform's throttled answer.
    capacity: 10,
    refillPerSecond: 2,
    throttled: throttledAnswer({ error: 'too many requests' }),
  },
  // TODO: the platform's stock read and write routes, e.g. { method: 'PUT', path: '/api/variants/:variantId', handle }.
  routes: [],
};
`,

    'test/contract.test.ts': `import { runContractSuite } from '@stock-sync/plugin-testkit/contract';
import { plugin } from '../src';
import { simulator } from '../src/simulator';

runContractSuite({ plugin, simulator });
`,

    'README.md': `# ${c.displayName} plugin (\`${c.packageName}\`)

Generated by \`pnpm gen:plugin ${c.id}\`. **The contract test (\`test/contract.test.ts\`) runs and FAILS until
the plugin is written**: the calls in \`src/connection.ts\` (on the SDK's \`batched\` pipeline) throw \`Error('not implemented')\` and the
simulator in \`src/simulator/index.ts\` has no routes yet. That failure is expected; it is the to-do list.

## To do
1. \`src/manifest.json\`: the platform's facts as data — batch size, rate limit (its source in \`note\`),
   unlimited-stock form, \`docsUrl\` and credential fields. \`src/manifest.ts\` reads it with the SDK's
   \`manifestFromJson\` (a wrong field fails at import, named) and keeps only the constants the code uses.
2. \`src/simulator/index.ts\`: the platform's representation, routes, auth refusal and throttled answer, with
   \`@stock-sync/plugin-testkit/simulator\` (validate bodies with \`openApiBodyValidator\` from
   \`@stock-sync/plugin-testkit/openapi\` if the platform publishes an OpenAPI spec).
3. \`src/index.ts\` (+ small files, one job each): verify, writeStock, readStock through \`ctx.http\`. Contract
   types and error classes come from \`@stock-sync/plugin-api\` (type-only imports in their own
   \`import type\`), helpers from \`@stock-sync/plugin-sdk\`; the production entry never imports the testkit.
4. Quirk tests in \`test/\`; then \`pnpm turbo run build typecheck lint test --filter=${c.packageName}\`.
5. Optional, when merchants connect by the platform's install / consent screen: the commented \`oauth\` part
   in \`src/index.ts\` (and \`refreshCredentials\` where tokens expire), the testkit's OAuth kit mounted on the
   simulator (\`withOAuth\`, \`/simulator\`), \`runOAuthContract({ plugin, simulator })\` (\`/contract\`) in the tests, and a "Connecting"
   section below (how a store connects, token lifetimes, refresh, uninstall notice, with sources).

## Platform decisions
Every decision with its source (documentation URL, spec file), e.g. how "unlimited" and "out of stock" are
written, batch limits, rate-limit signals, error shapes.

| Decision | Source |
|---|---|
| TODO | TODO |
`,
  };
}

module.exports = { pluginFiles, constName, pascalName };
