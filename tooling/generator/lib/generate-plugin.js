// Validates the requested plugin id and writes the scaffold files (contents in templates.js).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const templates = require('./templates');

class GeneratorError extends Error {}

/** Same rule as the SDK's manifest validation (KEBAB_CASE_ID). */
const KEBAB_CASE_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
/** Names taken by workspace packages: @stock-sync/plugin-sdk, @stock-sync/plugin-testkit and @stock-sync/plugin-api. */
const RESERVED_IDS = new Set(['sdk', 'testkit', 'api']);

function displayNameFromId(id) {
  return id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

function validateId(id) {
  if (typeof id !== 'string' || id === '') throw new GeneratorError('a plugin id is required');
  if (!KEBAB_CASE_ID.test(id)) {
    throw new GeneratorError(`'${id}' is not a kebab-case id (lower-case letters and digits, words joined by '-', starting with a letter)`);
  }
  if (RESERVED_IDS.has(id)) throw new GeneratorError(`'${id}' is reserved (@stock-sync/plugin-${id} already exists)`);
}

/**
 * @param {{ id: string, displayName?: string, repoRoot: string, pluginsDir?: string }} opts
 *   pluginsDir defaults to <repoRoot>/plugins; tests point it at a temp dir.
 * @returns {{ dir: string, packageName: string, files: string[] }}
 */
function generatePlugin(opts) {
  validateId(opts.id);
  const displayName = (opts.displayName ?? displayNameFromId(opts.id)).trim();
  if (displayName === '') throw new GeneratorError('--name must not be empty');
  const pluginsDir = opts.pluginsDir ?? path.join(opts.repoRoot, 'plugins');
  const dir = path.join(pluginsDir, opts.id);
  if (fs.existsSync(dir)) throw new GeneratorError(`${dir} already exists; pick another id or remove it first`);

  // Shared configs are referenced relatively, as every package does (../../tooling/… from plugins/<id>).
  const toolingRel = path.relative(dir, path.join(opts.repoRoot, 'tooling')).split(path.sep).join('/');
  const ctx = { id: opts.id, displayName, packageName: `@stock-sync/plugin-${opts.id}`, toolingRel };
  const files = templates.pluginFiles(ctx);

  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content, { flag: 'wx' });
  }
  return { dir, packageName: ctx.packageName, files: Object.keys(files) };
}

module.exports = { generatePlugin, validateId, displayNameFromId, GeneratorError, KEBAB_CASE_ID };
