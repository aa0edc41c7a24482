#!/usr/bin/env node
// CLI: `pnpm gen:plugin <id> [--name "Display Name"]` scaffolds plugins/<id>/ (see README.md).
'use strict';
const path = require('node:path');
const { generatePlugin, GeneratorError } = require('./lib/generate-plugin');
const { registerInSandbox } = require('./lib/register-in-sandbox');

function parseArgs(argv) {
  const args = { id: undefined, name: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--name') args.name = argv[++i];
    else if (a.startsWith('--name=')) args.name = a.slice('--name='.length);
    else if (a === '--help' || a === '-h') args.help = true;
    else if (a.startsWith('-')) throw new GeneratorError(`unknown option ${a}`);
    else if (args.id === undefined) args.id = a;
    else throw new GeneratorError(`unexpected argument ${a}`);
  }
  return args;
}

const USAGE = 'usage: pnpm gen:plugin <id> [--name "Display Name"]   (id: kebab-case, e.g. big-cartel)';

function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
    if (args.help) {
      console.log(USAGE);
      return 0;
    }
    const repoRoot = path.resolve(__dirname, '..', '..');
    const result = generatePlugin({ id: args.id, displayName: args.name, repoRoot });
    console.log(`created ${path.relative(process.cwd(), result.dir) || '.'}/ (${result.packageName}):`);
    for (const f of result.files) console.log(`  ${f}`);
    const sandboxPkg = path.join(repoRoot, 'tooling', 'sandbox', 'package.json');
    if (registerInSandbox(sandboxPkg, result.packageName)) {
      console.log(`added ${result.packageName} to tooling/sandbox devDependencies (the sandbox and the demo start it once built)`);
    }
    console.log('\nnext: pnpm install, then');
    console.log(`  pnpm turbo run build typecheck test --filter=${result.packageName}`);
    console.log('The contract test runs and fails until the plugin and its simulator are written (see its README).');
    return 0;
  } catch (e) {
    if (e instanceof GeneratorError) {
      console.error(`gen:plugin: ${e.message}`);
      console.error(USAGE);
      return 1;
    }
    throw e;
  }
}

if (require.main === module) process.exitCode = main();

module.exports = { parseArgs };
