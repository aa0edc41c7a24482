// The planning rules (variant-plan.ts), the retry backoff (backoff.ts) and the orchestrator's settings
// (sync-config.ts): each rule stated by one test.
import { nextAttemptDelayMs } from '../../src/sync/backoff';
import { DEFAULT_SYNC_CONCURRENCY, loadSyncConfig, RETIRED_SYNC_VARIABLES, SyncConfigError } from '../../src/sync/sync-config';
import { planChunk, planVariant, variantsToReadBack } from '../../src/sync/variant-plan';
import { opts, variant } from './support/loaded-variant';

const unknownStatus = [{ facility: 'US-NC', status: 'mystery' }];

describe('planVariant: last known state', () => {
  it('is the last decision when there is one (even if the last write differs)', () => {
    const v = variant({ observations: unknownStatus, desired: { kind: 'out_of_stock' }, lastWritten: { kind: 'unlimited' } });
    expect(planVariant(v, opts)).toMatchObject({ kind: 'write', desired: { kind: 'out_of_stock' }, from: { kind: 'unlimited' } });
  });

  it('else the last write', () => {
    const v = variant({ observations: unknownStatus, desired: null, lastWritten: { kind: 'unlimited' } });
    expect(planVariant(v, opts)).toMatchObject({ kind: 'unchanged', desired: { kind: 'unlimited' } });
  });

  it('else nothing: skipped with the reason', () => {
    const plan = planVariant(variant({ observations: unknownStatus }), opts);
    expect(plan.kind).toBe('skip');
    expect(plan).toHaveProperty('reason', expect.any(String));
    expect((plan as { reason: string }).reason.length).toBeGreaterThan(0);
  });
});

describe('planVariant: drift, refusals, gone variants', () => {
  const inStock = [{ facility: 'US-NC', status: 'in_stock' }];
  it('re-asserting diffs against what the platform showed; reporting, or drift of another variant, against the last write', () => {
    const v = variant({ observations: inStock, lastWritten: { kind: 'unlimited' } });
    const drift = new Map([['1', { observed: { kind: 'out_of_stock' as const } }]]);
    expect(planVariant(v, { ...opts, drift })).toMatchObject({ kind: 'write', from: { kind: 'out_of_stock' } });
    expect(planVariant(v, { ...opts, drift, driftPolicy: 'report' })).toMatchObject({ kind: 'unchanged' });
    const other = new Map([['2', { observed: { kind: 'out_of_stock' as const } }]]);
    expect(planVariant(v, { ...opts, drift: other })).toMatchObject({ kind: 'unchanged' });
  });

  it('holds only a target the platform rejected (a not_found error with the same target is no rejection)', () => {
    const target = { kind: 'out_of_stock' as const };
    const base = { observations: [{ facility: 'US-NC', status: 'out_of_stock' }], lastWritten: { kind: 'unlimited' as const } };
    expect(planVariant(variant({ ...base, lastError: { code: 'rejected', message: 'no', target } }), opts)).toMatchObject({
      kind: 'hold',
      reason: 'rejected',
      desired: target,
    });
    expect(planVariant(variant({ ...base, lastError: { code: 'not_found', message: 'no', target } }), opts)).toMatchObject({
      kind: 'write',
    });
    expect(planVariant(variant({ ...base, lastError: { code: 'rejected', message: 'no' } }), opts)).toMatchObject({ kind: 'write' });
  });

  it('a gone variant is held with the desired state, unless the run looks again', () => {
    const v = variant({ observations: [{ facility: 'US-NC', status: 'out_of_stock' }], notFoundAt: '2026-01-01T00:00:00Z' });
    expect(planVariant(v, opts)).toEqual({ kind: 'hold', variant: v, desired: { kind: 'out_of_stock' }, reason: 'not_found' });
    expect(planVariant(v, { ...opts, retryNotFound: true })).toEqual({
      kind: 'write',
      variant: v,
      desired: { kind: 'out_of_stock' },
      from: null,
    });
  });

  it('plans a chunk in order, and reads back only variants the hub has written', () => {
    const a = variant({ id: 'a', observations: [{ facility: 'US-NC', status: 'in_stock' }], lastWritten: { kind: 'unlimited' } });
    const b = variant({ id: 'b', observations: [{ facility: 'US-NC', status: 'out_of_stock' }] });
    expect(planChunk([a, b], opts).map((p) => [p.variant.id, p.kind])).toEqual([
      ['a', 'unchanged'],
      ['b', 'write'],
    ]);
    expect(variantsToReadBack([a, b])).toEqual([a]);
  });
});

describe('nextAttemptDelayMs', () => {
  it('base × 2^attempts, capped, never below Retry-After (rounded up to whole ms)', () => {
    expect([0, 1, 2, 3, 4].map((n) => nextAttemptDelayMs(n, 0, 2_000, 300_000))).toEqual([2_000, 4_000, 8_000, 16_000, 32_000]);
    expect(nextAttemptDelayMs(20, 0, 2_000, 300_000)).toBe(300_000);
    expect(nextAttemptDelayMs(1, 10_000.2, 2_000, 300_000)).toBe(10_001);
    expect(nextAttemptDelayMs(1, 3_999, 2_000, 300_000)).toBe(4_000);
  });

  it('negative attempts count as none; the exponent stops at 30 so the number stays finite', () => {
    expect(nextAttemptDelayMs(-2, 0, 1_000, 10_000)).toBe(1_000);
    expect(nextAttemptDelayMs(31, 0, 1, Number.MAX_SAFE_INTEGER)).toBe(2 ** 30);
    expect(nextAttemptDelayMs(5_000, 0, 1, Number.POSITIVE_INFINITY)).toBe(2 ** 30);
  });

  it('with the default settings a variant waits 2 s at first and never more than 5 minutes', () => {
    const { backoffBaseMs, backoffMaxMs } = loadSyncConfig({});
    expect(backoffBaseMs).toBe(2_000);
    expect(backoffMaxMs).toBe(5 * 60_000);
    expect(nextAttemptDelayMs(0, 0, backoffBaseMs, backoffMaxMs)).toBe(2_000);
    expect(nextAttemptDelayMs(50, 0, backoffBaseMs, backoffMaxMs)).toBe(300_000);
  });
});

describe('loadSyncConfig', () => {
  it('runs 500 stores at once on PostgreSQL and 50 on the embedded database (one session on the hub thread)', () => {
    expect(loadSyncConfig({ DATABASE_URL: 'postgres://h/db' }).concurrency).toBe(500);
    expect(loadSyncConfig({}).concurrency).toBe(50);
    expect(loadSyncConfig({ DATABASE_URL: '  ' }).concurrency).toBe(50);
    expect(loadSyncConfig({ HUB_SYNC_CONCURRENCY: '300' }).concurrency).toBe(300);
    expect(loadSyncConfig({ DATABASE_URL: 'postgres://h/db', HUB_SYNC_CONCURRENCY: '20' }).concurrency).toBe(20);
  });

  it('defaults', () => {
    const c = loadSyncConfig({ DATABASE_URL: 'postgres://h/db' });
    expect({ ...c, instanceId: undefined }).toEqual({
      schedulerEnabled: true,
      tickMs: 1000,
      nudgeDebounceMs: 100,
      reconcileIntervalSeconds: 21_600,
      concurrency: 500,
      pollMs: 250,
      leaseSeconds: 30,
      chunkSize: 500,
      backoffBaseMs: 2000,
      backoffMaxMs: 300_000,
      noticesSubscribe: true,
      instanceId: undefined,
    });
    expect(loadSyncConfig({ HUB_NOTICES_SUBSCRIBE: 'off' }).noticesSubscribe).toBe(false);
    expect(() => loadSyncConfig({ HUB_NOTICES_SUBSCRIBE: 'maybe' })).toThrow(/HUB_NOTICES_SUBSCRIBE/);
    expect(c.instanceId).toMatch(new RegExp(`^.+:${process.pid}:[0-9a-f]{8}$`));
    expect(loadSyncConfig({}).instanceId).not.toBe(c.instanceId);
  });

  // Variable, field, lowest and highest accepted value.
  const VARIABLES: [string, string, number, number | null][] = [
    ['HUB_SCHEDULER_TICK_MS', 'tickMs', 50, 3_600_000],
    ['HUB_SCHEDULER_NUDGE_MS', 'nudgeDebounceMs', 0, 60_000],
    ['HUB_RECONCILE_INTERVAL_SECONDS', 'reconcileIntervalSeconds', 1, null],
    ['HUB_SYNC_CONCURRENCY', 'concurrency', 1, 5000],
    ['HUB_SYNC_POLL_MS', 'pollMs', 50, 60_000],
    ['HUB_SYNC_LEASE_SECONDS', 'leaseSeconds', 2, 3600],
    ['HUB_SYNC_CHUNK_SIZE', 'chunkSize', 1, 10_000],
    ['HUB_SYNC_BACKOFF_BASE_MS', 'backoffBaseMs', 1, null],
    ['HUB_SYNC_BACKOFF_MAX_MS', 'backoffMaxMs', 1, null],
  ];

  it.each(VARIABLES)('%s sets %s within its bounds, and a value outside them is named', (name, field, min, max) => {
    const upper = max ?? Number.MAX_SAFE_INTEGER;
    expect(loadSyncConfig({ [name]: String(min) })[field as 'tickMs']).toBe(min);
    expect(loadSyncConfig({ [name]: ` ${upper} ` })[field as 'tickMs']).toBe(upper);
    for (const bad of [String(min - 1), max === null ? '1.5' : String(max + 1), 'soon']) {
      let error: unknown;
      try {
        loadSyncConfig({ [name]: bad });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SyncConfigError);
      expect((error as SyncConfigError).problems).toEqual([`${name} must be a whole number between ${min} and ${upper}, got "${bad}"`]);
    }
  });

  it('names the variables it no longer reads, with what replaced them (logged at start-up)', () => {
    expect(RETIRED_SYNC_VARIABLES).toEqual({
      HUB_SYNC_WORKERS: 'HUB_SYNC_CONCURRENCY (store runs in flight per process, default 500; 50 on the embedded database)',
    });
    expect(DEFAULT_SYNC_CONCURRENCY).toBe(500);
    expect(loadSyncConfig({ HUB_SYNC_WORKERS: '2', DATABASE_URL: 'postgres://h/db' }).concurrency).toBe(500);
  });

  it('a blank variable means the default', () => {
    expect(loadSyncConfig({ HUB_SYNC_CONCURRENCY: '  ', HUB_SYNC_CHUNK_SIZE: '', DATABASE_URL: 'postgres://h/db' })).toMatchObject({
      concurrency: 500,
      chunkSize: 500,
    });
  });

  it('HUB_SCHEDULER and HUB_NOTICES_SUBSCRIBE: on/true/1/blank/unset mean on, off/false/0 (any case, spaces) off, anything else is named', () => {
    const switches = [
      ['HUB_SCHEDULER', 'schedulerEnabled'],
      ['HUB_NOTICES_SUBSCRIBE', 'noticesSubscribe'],
    ] as const;
    for (const [name, key] of switches) {
      expect(loadSyncConfig({})[key]).toBe(true);
      for (const on of ['on', 'true', '1', '', ' On ', 'TRUE']) expect(loadSyncConfig({ [name]: on })[key]).toBe(true);
      for (const off of ['off', 'false', '0', ' OFF ', 'False']) expect(loadSyncConfig({ [name]: off })[key]).toBe(false);
      for (const bad of ['maybe', 'yes', '2', 'o n']) {
        expect(() => loadSyncConfig({ [name]: bad })).toThrow(`${name} must be on or off, got "${bad}"`);
      }
    }
    expect(() => loadSyncConfig({ HUB_SCHEDULER: 'maybe' })).toThrow('HUB_SCHEDULER must be on or off, got "maybe"');
  });

  it('reports every problem together in one error', () => {
    let error: SyncConfigError | undefined;
    try {
      loadSyncConfig({ HUB_SCHEDULER: 'maybe', HUB_SYNC_CONCURRENCY: '0', HUB_SYNC_POLL_MS: '10' });
    } catch (e) {
      error = e as SyncConfigError;
    }
    expect(error?.name).toBe('SyncConfigError');
    expect(error?.message).toBe(
      'Invalid orchestrator configuration:\n' +
        '  - HUB_SCHEDULER must be on or off, got "maybe"\n' +
        '  - HUB_SYNC_CONCURRENCY must be a whole number between 1 and 5000, got "0"\n' +
        '  - HUB_SYNC_POLL_MS must be a whole number between 50 and 60000, got "10"',
    );
  });

  it('reads process.env when given nothing', () => {
    const before = process.env.HUB_SYNC_CHUNK_SIZE;
    process.env.HUB_SYNC_CHUNK_SIZE = '77';
    try {
      expect(loadSyncConfig().chunkSize).toBe(77);
    } finally {
      if (before === undefined) delete process.env.HUB_SYNC_CHUNK_SIZE;
      else process.env.HUB_SYNC_CHUNK_SIZE = before;
    }
  });
});
