// The sandbox (and so the demo) starts every BUILT plugin; listing the new plugin among the sandbox's
// devDependencies makes turbo build it before the sandbox and its tests. Idempotent.
'use strict';
const fs = require('node:fs');

/**
 * @param {string} sandboxPackageJson path of tooling/sandbox/package.json
 * @param {string} packageName e.g. @stock-sync/plugin-big-cartel
 * @returns {boolean} true when the file changed
 */
function registerInSandbox(sandboxPackageJson, packageName) {
  const pkg = JSON.parse(fs.readFileSync(sandboxPackageJson, 'utf8'));
  const dev = pkg.devDependencies ?? {};
  if (dev[packageName]) return false;
  dev[packageName] = 'workspace:*';
  // Keep the shared configs first, then the plugins in name order, as the file is laid out by hand.
  const sorted = Object.fromEntries(Object.entries(dev).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)));
  pkg.devDependencies = sorted;
  fs.writeFileSync(sandboxPackageJson, JSON.stringify(pkg, null, 2) + '\n');
  return true;
}

function rank(name) {
  return name.startsWith('@stock-sync/plugin-') ? 1 : 0;
}

module.exports = { registerInSandbox };
