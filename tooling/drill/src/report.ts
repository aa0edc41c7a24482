/** The drill's printed figures, and the list of reasons it fails (empty = passed). */
// The bench's stats module alone (its index loads the hub child, pg and the sandbox).
import { percentile, round } from '@stock-sync/bench/dist/stats';
import type { BadAnswer } from './hub-traffic';
import type { SettleResult } from './settle';
import type { Verdict } from './verify';

export interface DrillFigures {
  command: string;
  seed: number;
  database: string;
  stores: string[];
  loadMs: number;
  requests: number;
  byStatus: Map<number, number>;
  noAnswer: number;
  facilityPosts: number;
  observations: { acknowledged: number; unknown: number; refused: number; keys: number };
  syncsAsked: number;
  kills: number;
  unexpectedExits: number;
  restartMs: number[];
  faults: Map<string, number>;
  reconnects: number;
  settle: SettleResult;
  verdict: Verdict;
  serverErrors: { count: number; samples: BadAnswer[] };
  unexpected4xx: { count: number; samples: BadAnswer[] };
  hubErrorLines: { count: number; samples: string[] };
  keptDir?: string;
}

export interface Tally {
  lost: number;
  otherObservationProblems: number;
  wrongVariants: number;
  overlaps: number;
  serverErrors: number;
  unexpected4xx: number;
  settled: boolean;
}

/** Why the drill fails: any loss, wrong stored value, wrong store variant, overlap, 5xx, unexpected 4xx, or hubs that never settled. */
export function failures(t: Tally): string[] {
  const out: string[] = [];
  if (t.lost) out.push(`${t.lost} acknowledged observation(s) lost`);
  if (t.otherObservationProblems) out.push(`${t.otherObservationProblems} stored observation(s) not what was sent`);
  if (t.wrongVariants) out.push(`${t.wrongVariants} store variant(s) show the wrong stock`);
  if (t.overlaps) out.push(`${t.overlaps} overlapping run pair(s)`);
  if (t.serverErrors) out.push(`${t.serverErrors} request(s) answered 5xx`);
  if (t.unexpected4xx) out.push(`${t.unexpected4xx} valid request(s) refused with a 4xx`);
  if (!t.settled) out.push('the hubs did not settle before the deadline');
  return out;
}

export function tally(f: Pick<DrillFigures, 'verdict' | 'serverErrors' | 'unexpected4xx' | 'settle'>): Tally {
  const lost = f.verdict.observationProblems.filter((p) => p.kind === 'lost').length;
  return {
    lost,
    otherObservationProblems: f.verdict.observationProblems.length - lost,
    wrongVariants: f.verdict.wrongVariants.length,
    overlaps: f.verdict.overlaps.length,
    serverErrors: f.serverErrors.count,
    unexpected4xx: f.unexpected4xx.count,
    settled: f.settle.settled,
  };
}

const s = (ms: number) => `${round(ms / 1000, 1)} s`;
const list = (m: Map<string | number, number> | Record<string, number>) =>
  (m instanceof Map ? [...m] : Object.entries(m))
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])))
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || 'none';

export function formatReport(f: DrillFigures): string {
  const t = tally(f);
  const v = f.verdict;
  const rows: (string | number)[][] = [
    ['hub requests (both hubs)', `${f.requests} (by status: ${list(f.byStatus)}; no answer, hub killed: ${f.noAnswer})`],
    ['facility-stock posts', f.facilityPosts],
    [
      'observations sent',
      `${f.observations.acknowledged + f.observations.unknown + f.observations.refused} on ${f.observations.keys} (variant, facility) pairs`,
    ],
    ['  acknowledged (202)', f.observations.acknowledged],
    ['  unknown outcome (connection broken by a kill)', f.observations.unknown],
    ['  refused', f.observations.refused],
    ['store syncs asked', f.syncsAsked],
    [
      'kill -9',
      `${f.kills}${f.restartMs.length ? ` (restart p50 ${s(percentile(f.restartMs, 50))}, max ${s(Math.max(...f.restartMs))})` : ''}`,
    ],
    ['hub exits the drill did not cause', f.unexpectedExits],
    [
      'platform faults injected',
      `${[...f.faults.values()].reduce((a, b) => a + b, 0)} (${list(f.faults)}); reconnects ${f.reconnects + f.settle.lateReconnects}`,
    ],
    [
      'settling after the load',
      `${f.settle.settled ? 'settled' : 'NOT settled'} in ${s(f.settle.ms)}${f.settle.orphanNudges ? `; ${f.settle.orphanNudges} store(s) nudged to close a killed hub's run` : ''}`,
    ],
    ['sync runs', `${v.runs.total} (${list(v.runs.byStatus)}); closed as worker_lost: ${v.runs.workerLost}`],
    ['hub log ERROR lines', f.hubErrorLines.count],
    ['checks', ''],
    [
      '(a) lost observations',
      `${t.lost} of ${v.observationsChecked} pairs checked${t.otherObservationProblems ? `; ${t.otherObservationProblems} stored value(s) not as sent` : ''}`,
    ],
    [
      '(b) wrong store variants',
      `${t.wrongVariants} of ${v.variantsChecked} checked${v.undecided ? ` (${v.undecided} undecided by the rule, not checked)` : ''}`,
    ],
    ['(c) overlapping runs', t.overlaps],
    ['(d) 5xx answers', t.serverErrors],
    ['    unexpected 4xx', t.unexpected4xx],
  ];
  const out: string[] = [];
  out.push(
    `Stock Sync Hub reliability drill — seed ${f.seed}; two hubs on ${f.database}; ${f.stores.length} stores (${f.stores.join(', ')}); ${s(f.loadMs)} of load`,
  );
  out.push('');
  const width = Math.max(...rows.map((r) => String(r[0]).length));
  out.push(...rows.map(([k, val]) => `${String(k).padEnd(width)}  ${val}`.trimEnd()));
  const details: string[] = [];
  for (const p of v.observationProblems.slice(0, 10))
    details.push(`  observation ${p.kind}: variant ${p.variantId} @ ${p.facility}: ${p.detail}`);
  for (const w of v.wrongVariants.slice(0, 10))
    details.push(
      `  wrong variant: ${w.store} ${w.externalVariantId} (catalog ${w.catalogVariantId}): expected ${w.expected}, shows ${w.shown}${w.hubRecord ? ` (${w.hubRecord})` : ''}`,
    );
  for (const o of v.overlaps.slice(0, 10))
    details.push(
      `  overlap: store ${o.storeId}: run ${o.first.id} [${new Date(o.first.startedAt).toISOString()} – ${o.first.finishedAt ? new Date(o.first.finishedAt).toISOString() : 'open'}] and run ${o.second.id} from ${new Date(o.second.startedAt).toISOString()}`,
    );
  for (const b of f.serverErrors.samples.slice(0, 10))
    details.push(`  ${b.status} from ${b.hub} at ${b.at}: ${b.method} ${b.path}: ${b.body}`);
  for (const b of f.unexpected4xx.samples.slice(0, 10))
    details.push(`  ${b.status} from ${b.hub} at ${b.at}: ${b.method} ${b.path}: ${b.body}`);
  for (const l of f.hubErrorLines.samples.slice(0, 10)) details.push(`  hub log: ${l}`);
  if (!f.settle.settled) details.push(`  work left at the deadline: ${JSON.stringify(f.settle.last)}`);
  if (details.length) out.push('', 'details:', ...details);
  const failed = failures(t);
  out.push('');
  out.push(failed.length ? `FAILED: ${failed.join('; ')}` : 'PASSED: nothing lost, every store right, no overlap, no 5xx');
  if (f.keptDir) out.push(`hub logs kept in ${f.keptDir}`);
  out.push(`reproduce: ${f.command}`);
  return out.join('\n');
}
