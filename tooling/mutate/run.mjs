#!/usr/bin/env node
// `pnpm mutate [domain|sdk|hub-sync …] [--force]`: runs StrykerJS for each target in turn (all three by default),
// then prints the mutation score per file and per target. Exits non-zero when a target falls under its
// `break` threshold (Stryker's own exit code) or a run fails.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');

const TARGETS = {
  domain: { dir: 'packages/domain', config: 'domain.config.mjs' },
  sdk: { dir: 'packages/plugin-sdk', config: 'sdk.config.mjs' },
  'hub-sync': { dir: 'apps/hub', config: 'hub-sync.config.mjs' },
};

const args = process.argv.slice(2).filter((a) => a !== '--');
// Flags go to Stryker as they are (e.g. --force: ignore the incremental file and test every mutant).
const flags = args.filter((a) => a.startsWith('--'));
const asked = args.filter((a) => !a.startsWith('--'));
const unknown = asked.filter((t) => !(t in TARGETS));
if (unknown.length) {
  console.error(`mutate: unknown target(s) ${unknown.join(', ')}; choose from ${Object.keys(TARGETS).join(', ')}`);
  process.exit(2);
}
const targets = asked.length ? asked : Object.keys(TARGETS);
// A root devDependency (its package exports hide bin/, so the path is spelled out).
const stryker = path.join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');

/** Killed and timed-out mutants over every mutant a test could have caught (Stryker's "mutation score"). */
const DETECTED = new Set(['Killed', 'Timeout']);
const COUNTED = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);

function scores(reportPath) {
  const report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
  const rows = [];
  let detected = 0;
  let counted = 0;
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const c = mutants.filter((m) => COUNTED.has(m.status));
    const d = c.filter((m) => DETECTED.has(m.status)).length;
    const survived = c.filter((m) => m.status === 'Survived').length;
    const noCoverage = c.filter((m) => m.status === 'NoCoverage').length;
    detected += d;
    counted += c.length;
    if (c.length) rows.push({ file, score: (100 * d) / c.length, mutants: c.length, survived, noCoverage });
  }
  return { rows, score: counted ? (100 * detected) / counted : 100, counted, breakAt: report.thresholds?.break ?? null };
}

/**
 * The incremental file is committed: no machine paths in it and little churn between runs (each
 * mutant's status reason cut to its first line, the checkout's location and the sandbox name taken out).
 */
const ABSOLUTE_PATH = /(^|['"\s(=])\/(?:[\w.@+-]+\/)*[\w.@+-]+/g;

function tidyIncrementalFile(file) {
  if (!fs.existsSync(file)) return;
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  const local = new RegExp(`${root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/|\\.stryker-tmp/sandbox-[^/]+/`, 'g');
  // Stryker keeps the run's options and absolute project root for information only; the incremental
  // comparison reads files and testFiles.
  delete report.config;
  if (typeof report.projectRoot === 'string') report.projectRoot = path.relative(root, report.projectRoot);
  for (const { mutants } of Object.values(report.files ?? {})) {
    for (const m of mutants) {
      if (typeof m.statusReason !== 'string') continue;
      // Any other absolute path a test printed (e.g. a scratch folder it made up) is a machine's, not the project's.
      m.statusReason = m.statusReason.split('\n')[0].replace(local, '').replace(ABSOLUTE_PATH, '$1<path>');
    }
  }
  fs.writeFileSync(file, JSON.stringify(report));
}

const summary = [];
let failed = false;
// CI sets MUTATE_BASELINE_ONLY=1: a full run of a target (tens of minutes on two cores) does not fit its time
// budget, so a target without a committed incremental file is skipped, loudly, instead.
const baselineOnly = process.env.MUTATE_BASELINE_ONLY === '1';
for (const name of targets) {
  const t = TARGETS[name];
  const started = Date.now();
  if (baselineOnly && !fs.existsSync(path.join(here, 'incremental', `${name}.json`))) {
    const line = `${name}: SKIPPED — no committed tooling/mutate/incremental/${name}.json; run \`pnpm mutate ${name}\` and commit it`;
    console.log(`\n${line}`);
    summary.push(line);
    continue;
  }
  console.log(`\n=== mutate ${name} (${t.dir}) ===`);
  const reportPath = path.join(root, 'reports', 'mutation', `${name}.json`);
  fs.rmSync(reportPath, { force: true });
  const r = spawnSync(process.execPath, [stryker, 'run', path.join(here, t.config), ...flags], {
    cwd: path.join(root, t.dir),
    stdio: 'inherit',
  });
  const seconds = Math.round((Date.now() - started) / 1000);
  tidyIncrementalFile(path.join(here, 'incremental', `${name}.json`));
  if (!fs.existsSync(reportPath)) {
    console.error(`mutate ${name}: Stryker exited ${r.status ?? r.signal} without a report`);
    summary.push(`${name}: no report (exit ${r.status ?? r.signal}) in ${seconds}s`);
    failed = true;
    continue;
  }
  const s = scores(reportPath);
  console.log(`\nmutation score per file (${name}):`);
  for (const row of s.rows.sort((a, b) => a.score - b.score)) {
    console.log(
      `  ${row.score.toFixed(1).padStart(5)} %  ${String(row.mutants).padStart(4)} mutants  ${String(row.survived).padStart(3)} survived  ${String(row.noCoverage).padStart(3)} no coverage  ${row.file}`,
    );
  }
  const ok = r.status === 0;
  if (!ok) failed = true;
  summary.push(
    `${name}: ${s.score.toFixed(2)} % of ${s.counted} mutants (break at ${s.breakAt}) in ${seconds}s${ok ? '' : ` — FAILED (exit ${r.status})`}`,
  );
}
console.log('\nmutation scores:');
for (const line of summary) console.log(`  ${line}`);
process.exit(failed ? 1 : 0);
