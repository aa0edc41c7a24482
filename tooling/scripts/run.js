#!/usr/bin/env node
// The two commands of the README, runnable on a fresh clone with only Node.js 20 and npm:
//   npm start  → install, build, start the hub on the embedded database with the sandbox and the demo
//   npm test   → install, build, type-check and run every package's tests
// pnpm comes through npx at a pinned version (corepack is not assumed to work).
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const PNPM = ['-y', 'pnpm@12.4.2'];
const root = path.resolve(__dirname, '..', '..');
const [mode, ...rest] = process.argv.slice(2);

function run(cmd, args, extraEnv = {}) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const pnpm = (...args) => run('npx', [...PNPM, ...args]);

pnpm('install', '--frozen-lockfile');
switch (mode) {
  case 'test':
    // Two cores on the reference machine: two turbo tasks at a time, each jest with its own workers.
    pnpm('turbo', 'run', 'build', 'typecheck', 'lint', 'test', '--concurrency=2', ...rest);
    break;
  case 'demo':
    pnpm('turbo', 'run', 'build');
    run('node', ['tooling/demo/dist/main.js', ...rest]);
    break;
  default:
    console.error(`usage: node tooling/scripts/run.js test|demo [args…]`);
    process.exit(2);
}
