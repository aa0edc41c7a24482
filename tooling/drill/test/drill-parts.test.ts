import { faultBody, FAULT_KINDS, shuffled, TIMEOUT_DELAY_MS } from '../src/fault-plan';
import { drillCatalog } from '../src/catalog';
import { drillHubEnv } from '../src/hub-env';
import { randomObservation, toUpdate } from '../src/load';
import { ObservationLedger } from '../src/observation-ledger';
import { failures, type Tally } from '../src/report';
import { Rng } from '../src/rng';
import { isIdle } from '../src/settle';

describe('Rng', () => {
  it('repeats for one seed and differs for another', () => {
    const a = new Rng(5);
    const b = new Rng(5);
    const seqA = Array.from({ length: 5 }, () => a.int(0, 1000));
    expect(Array.from({ length: 5 }, () => b.int(0, 1000))).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => new Rng(6).int(0, 1000))).not.toEqual(seqA);
  });
  it('stays in range', () => {
    const r = new Rng(1);
    for (let i = 0; i < 1000; i++) {
      const n = r.int(3, 5);
      expect(n >= 3 && n <= 5).toBe(true);
    }
  });
});

describe('faults', () => {
  it('builds a /__sim/faults body for every kind, the timeout beyond the SDK client timeout (20 s)', () => {
    const r = new Rng(1);
    expect(FAULT_KINDS.map((k) => Object.keys(faultBody(k, r))[0])).toEqual(['rateLimit', 'serverError', 'delay', 'delay', 'revoke']);
    expect(faultBody('timeout', r)).toEqual({ delay: { ms: TIMEOUT_DELAY_MS, count: 1 } });
    expect(TIMEOUT_DELAY_MS).toBeGreaterThan(20_000);
    expect([500, 502, 503, 504]).toContain((faultBody('server_errors', r).serverError as { status: number }).status);
  });
  it('shuffles a round of kinds without losing one', () => {
    expect(shuffled(FAULT_KINDS, new Rng(3)).sort()).toEqual([...FAULT_KINDS].sort());
  });
});

describe('the load', () => {
  it('has POD and warehouse variants', () => {
    const c = drillCatalog(10);
    expect(c.filter((v) => v.fulfillment === 'pod')).toHaveLength(4);
    expect(c.filter((v) => v.fulfillment === 'warehouse')).toHaveLength(6);
  });
  it('sends a status for POD and a quantity for warehouse, never null, never in the future', () => {
    const r = new Rng(2);
    const ledger = new ObservationLedger();
    const now = Date.parse('2026-01-01T00:00:00Z');
    for (const v of drillCatalog(10)) {
      const u = toUpdate(randomObservation(r, ledger, v, 'UK', now));
      if (v.fulfillment === 'pod') expect(typeof u.status).toBe('string');
      else expect(Number.isInteger(u.quantity)).toBe(true);
      expect(Date.parse(u.observedAt as string)).toBeLessThanOrEqual(now);
    }
  });
});

describe('hub settings and verdict', () => {
  it('sets drill defaults only where the environment leaves them unset', () => {
    expect(drillHubEnv({})).toMatchObject({ HUB_SYNC_LEASE_SECONDS: '10' });
    expect(drillHubEnv({ HUB_SYNC_LEASE_SECONDS: '30' }).HUB_SYNC_LEASE_SECONDS).toBeUndefined();
  });
  const clean: Tally = {
    lost: 0,
    otherObservationProblems: 0,
    wrongVariants: 0,
    overlaps: 0,
    serverErrors: 0,
    unexpected4xx: 0,
    settled: true,
  };
  it('passes a clean run and fails on each kind of problem', () => {
    expect(failures(clean)).toEqual([]);
    for (const k of ['lost', 'otherObservationProblems', 'wrongVariants', 'overlaps', 'serverErrors', 'unexpected4xx'] as const)
      expect(failures({ ...clean, [k]: 1 })).toHaveLength(1);
    expect(failures({ ...clean, settled: false })).toEqual(['the hubs did not settle before the deadline']);
  });
  it('is idle only with nothing pending, queued, running or waiting for credentials', () => {
    const idle = { pending: 0, queuedRuns: 0, runningRuns: 0, orphanStores: [], needsReconnect: [], verifying: 0 };
    expect(isIdle(idle)).toBe(true);
    expect(isIdle({ ...idle, pending: 1 })).toBe(false);
    expect(isIdle({ ...idle, runningRuns: 1 })).toBe(false);
    expect(isIdle({ ...idle, needsReconnect: ['s'] })).toBe(false);
    expect(isIdle({ ...idle, verifying: 1 })).toBe(false);
  });
});
