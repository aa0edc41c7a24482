/**
 * The architecture as lint rules: dependencies point one way (plugins → plugin-sdk → domain → plugin-api;
 * apps/hub → the packages, never a platform plugin), the plugin API depends on nothing, plugins carry no
 * framework, only a plugin's simulator and tests use the testkit or the simulator, and the client carries
 * nothing of the hub. tooling/scripts/check-boundaries.js keeps the same rule table for what ESLint cannot
 * see: package.json dependencies, and modules loaded by a require()/import() call.
 */
const FRAMEWORKS = [
  '@nestjs/*',
  'typeorm',
  'typeorm/*',
  'typeorm-pglite',
  'pg',
  'pg/*',
  'pg-boss',
  '@electric-sql/pglite',
  '@electric-sql/pglite/*',
];
const OTHER_PLUGINS = [
  '@stock-sync/plugin-*',
  '!@stock-sync/plugin-sdk',
  '!@stock-sync/plugin-sdk/*',
  '!@stock-sync/plugin-api',
  '!@stock-sync/plugin-api/*',
  '!@stock-sync/plugin-testkit',
  '!@stock-sync/plugin-testkit/*',
];

/** One `no-restricted-imports` option list: each group of globs (or a `{ regex }`) with the reason printed on a finding. */
function restricted(...groups) {
  return ['error', { patterns: groups.map(([group, message]) => (Array.isArray(group) ? { group, message } : { ...group, message })) }];
}

const frameworks = (who) => [FRAMEWORKS, `${who} carries no framework or database (Nest, TypeORM, pg, PGlite)`];

const SOURCES = '**/*.{ts,mts,cts,js,mjs,cjs}';
const rule = '@typescript-eslint/no-restricted-imports';

export const boundaries = [
  {
    files: [`packages/plugin-api/${SOURCES}`],
    rules: {
      [rule]: restricted(
        [['@stock-sync/*'], 'the plugin API depends on nothing'],
        [[...FRAMEWORKS, 'axios', 'class-validator', 'class-transformer'], 'the plugin API is types and data only'],
      ),
    },
  },
  {
    // Its published code: its own modules and Node's built-ins, no package at all (zero runtime dependencies).
    files: [`packages/plugin-api/src/${SOURCES}`],
    rules: {
      [rule]: restricted(
        [['@stock-sync/*'], 'the plugin API depends on nothing'],
        [{ regex: '^(?!\\.|node:|@stock-sync/)' }, 'the plugin API is types and data only: no package but Node built-ins'],
      ),
    },
  },
  {
    files: [`packages/domain/${SOURCES}`],
    rules: {
      [rule]: restricted(
        [['@stock-sync/*', '!@stock-sync/plugin-api'], 'the domain depends on no workspace package but the plugin API'],
        [[...FRAMEWORKS, 'axios'], 'the domain is pure: no framework, database or HTTP'],
      ),
    },
  },
  {
    files: [`packages/plugin-sdk/${SOURCES}`],
    rules: {
      [rule]: restricted(
        [
          ['@stock-sync/*', '!@stock-sync/domain', '!@stock-sync/domain/*', '!@stock-sync/plugin-api'],
          'the SDK depends only on the domain and the plugin API',
        ],
        frameworks('the SDK'),
      ),
    },
  },
  {
    files: [`packages/plugin-testkit/${SOURCES}`],
    rules: {
      [rule]: restricted(
        [[...OTHER_PLUGINS, '@stock-sync/hub', '@stock-sync/hub/*'], 'the testkit knows no platform and no hub'],
        frameworks('the testkit'),
      ),
    },
  },
  {
    files: [`plugins/*/${SOURCES}`],
    rules: {
      [rule]: restricted(
        [OTHER_PLUGINS, 'a plugin never imports another plugin'],
        [['@stock-sync/hub', '@stock-sync/hub/*'], 'a plugin never imports the hub'],
        frameworks('a plugin'),
      ),
    },
  },
  {
    // The plugin itself runs in production: only its simulator and its tests may use the testkit or the
    // simulator (published as the package's ./simulator subpath, never reached from its main entry).
    files: [`plugins/*/src/${SOURCES}`],
    ignores: ['plugins/*/src/simulator/**'],
    rules: {
      [rule]: restricted(
        [OTHER_PLUGINS, 'a plugin never imports another plugin'],
        [['@stock-sync/hub', '@stock-sync/hub/*'], 'a plugin never imports the hub'],
        frameworks('a plugin'),
        [
          ['@stock-sync/plugin-testkit', '@stock-sync/plugin-testkit/*'],
          'only the simulator and tests may use the testkit (the plugin itself runs in production)',
        ],
        [
          ['./simulator', './simulator/*', '../simulator', '../simulator/*', '*/simulator', '*/simulator/*'],
          'production code never imports the simulator (it is the ./simulator subpath, for tests and the sandbox)',
        ],
      ),
    },
  },
  {
    files: [`apps/hub/src/${SOURCES}`],
    rules: { [rule]: restricted([OTHER_PLUGINS, 'the hub holds no platform code: plugins are discovered, never imported']) },
  },
  {
    files: [`packages/client/src/${SOURCES}`],
    rules: {
      [rule]: restricted(
        [['@stock-sync/*'], 'the client stands alone: internal services install it without the hub'],
        frameworks('the client'),
      ),
    },
  },
];
