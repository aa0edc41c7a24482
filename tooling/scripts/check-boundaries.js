#!/usr/bin/env node
// The architecture as a lint: dependencies point one way (plugins → plugin-sdk → domain → plugin-api; apps/hub
// → the packages, never a platform plugin), the plugin API depends on nothing, plugins carry no framework (no
// Nest, no TypeORM, no database) and their production code reaches neither the testkit nor the simulator.
//
// Import and export declarations are checked by ESLint (tooling/eslint-config/boundaries.mjs, the same rules
// per folder, run by `pnpm lint` and in editors). This script keeps only what ESLint cannot express:
// - package.json dependencies (ESLint lints source files, not manifests): a forbidden dependency is refused
//   before any code uses it;
// - require('…') and import('…') calls: no-restricted-imports sees declarations only (and TypeScript's
//   `import x = require()`), never a call.
// The rule table below is the one boundaries.mjs expresses as globs; change both together.
// Run from a package directory (its `lint` script) or with a directory argument.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const FRAMEWORKS = /^(@nestjs\/|typeorm|typeorm-pglite|pg|pg-boss|@electric-sql\/pglite)(\/|$)/;
const PLUGIN_PKG = /^@stock-sync\/plugin-(?!sdk$|testkit$|api$)[a-z0-9-]+$/;
/** A relative import of the plugin's simulator folder (`./simulator`, `../simulator/oauth`...). */
const SIMULATOR_PATH = /^\.{1,2}\/(?:.*\/)?simulator(?:\/|$)/;

/** Which imports a file may make, by where the file lives. Returns a reason when `spec` is forbidden. */
function forbidden(pkgName, relFile, spec) {
  const isTest = relFile.startsWith('test/');
  if (pkgName === '@stock-sync/plugin-api') {
    if (spec.startsWith('@stock-sync/')) return 'the plugin API depends on nothing';
    if (!spec.startsWith('.') && !spec.startsWith('node:') && !isTest) return 'the plugin API is types and data only';
  }
  if (pkgName === '@stock-sync/domain') {
    if (spec.startsWith('@stock-sync/') && spec !== '@stock-sync/plugin-api')
      return 'the domain depends on no workspace package but the plugin API';
    if (FRAMEWORKS.test(spec) || spec === 'axios') return 'the domain is pure: no framework, database or HTTP';
  }
  if (pkgName === '@stock-sync/plugin-sdk') {
    if (spec.startsWith('@stock-sync/') && spec !== '@stock-sync/domain' && spec !== '@stock-sync/plugin-api')
      return 'the SDK depends only on the domain and the plugin API';
    if (FRAMEWORKS.test(spec)) return 'the SDK carries no framework or database';
  }
  if (pkgName === '@stock-sync/plugin-testkit') {
    if (PLUGIN_PKG.test(spec) || spec === '@stock-sync/hub') return 'the testkit knows no platform and no hub';
    if (FRAMEWORKS.test(spec)) return 'the testkit carries no framework or database';
  }
  if (PLUGIN_PKG.test(pkgName)) {
    if (FRAMEWORKS.test(spec)) return 'a plugin never imports Nest, TypeORM or a database';
    if (spec === '@stock-sync/hub') return 'a plugin never imports the hub';
    if (PLUGIN_PKG.test(spec) && spec !== pkgName) return 'a plugin never imports another plugin';
    const inSimulator = relFile.startsWith('src/simulator/');
    if (spec.startsWith('@stock-sync/plugin-testkit') && !inSimulator && !isTest && relFile !== 'package.json')
      return 'only the simulator and tests may use the testkit (the plugin itself runs in production)';
    if (SIMULATOR_PATH.test(spec) && relFile.startsWith('src/') && !inSimulator)
      return 'production code never imports the simulator (it is the ./simulator subpath, for tests and the sandbox)';
  }
  if (pkgName === '@stock-sync/hub' && !isTest) {
    if (PLUGIN_PKG.test(spec)) return 'the hub holds no platform code: plugins are discovered, never imported';
  }
  return undefined;
}

/** A module loaded by a call (`require('x')`, `import('x')`): the imports ESLint's rule does not see. */
const CALL_RE = /\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g;

function* sourceFiles(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist' && entry.name !== 'fixtures') yield* sourceFiles(full);
    } else if (/\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield full;
  }
}

function checkPackage(pkgDir) {
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  const problems = [];
  for (const dep of Object.keys(pkg.dependencies ?? {})) {
    const reason = forbidden(pkg.name, 'package.json', dep);
    if (reason) problems.push(`package.json dependency ${dep}: ${reason}`);
  }
  for (const sub of ['src', 'test']) {
    for (const file of sourceFiles(path.join(pkgDir, sub))) {
      const rel = path.relative(pkgDir, file).split(path.sep).join('/');
      const text = fs.readFileSync(file, 'utf8');
      for (const [, spec] of text.matchAll(CALL_RE)) {
        const reason = forbidden(pkg.name, rel, spec);
        if (reason) problems.push(`${rel}: loads ${spec}: ${reason}`);
      }
    }
  }
  return { name: pkg.name, problems };
}

if (require.main === module) {
  const dir = path.resolve(process.argv[2] ?? process.cwd());
  const { name, problems } = checkPackage(dir);
  if (problems.length) {
    console.error(`${name}: ${problems.length} boundary violation(s)`);
    for (const p of problems) console.error(`  - ${p}`);
    process.exit(1);
  }
  console.log(`${name}: dependency boundaries respected`);
}

module.exports = { checkPackage, forbidden };
