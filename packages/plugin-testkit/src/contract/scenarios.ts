/**
 * The contract scenarios. Each is a self-contained async function: it starts a fresh simulator,
 * connects the plugin as the hub would, acts, checks with node:assert, and closes the simulator.
 * runContractSuite wraps them in jest; tests of the suite itself call them directly against broken
 * plugins to prove they fail.
 */
import assert from 'node:assert/strict';
import {
  AuthError,
  isPluginError,
  NotFound,
  RateLimited,
  validateCredentials,
  validatePlugin,
  type IntegrationPlugin,
  type StockWrite,
  type TargetStock,
  type VariantRef,
  type WriteOutcome,
  keepProblem,
} from '@stock-sync/plugin-sdk';
import { startSimulator } from '../simulator/start-simulator';
import type { PlatformSimulatorDefinition, RunningSimulator, SeedProduct } from '../simulator/types';
import { connectAsHub, type HubClientOptions, type HubConnection } from './hub-connection';
import { mixedTargets, overBatchProducts, products, refsOf } from './seed-plan';
import { assertAllWritten, assertOutcomesMatchInput, assertShows, describe as describeStock, refName, stockEquals } from './stock-checks';

export interface ContractSuiteOptions<TState> {
  plugin: IntegrationPlugin;
  simulator: PlatformSimulatorDefinition<TState>;
  /** Extra HTTP client options (defaults are the hub's; tests of the suite may shorten backoff). */
  clientOptions?: HubClientOptions;
  /** Retry-After the 429-storm scenario injects, in seconds (default 2). */
  stormRetryAfterSeconds?: number;
  /**
   * For platforms that document NO Retry-After on a throttled answer (Squarespace, BASE, TikTok Shop):
   * the storm throttles without the header and holds the client to the platform's documented wait
   * instead (`waitMs`: what the plugin or the SDK's default waits). When that wait is longer than the
   * client sleeps through (`clientOptions.maxRetryAfterMs`, default 30 s), the scenario expects the
   * throttled changes to fail with RateLimited(retryAfterMs >= waitMs) and nothing to be sent after the
   * throttled answers (the orchestrator reschedules) instead of everything written.
   */
  throttleWithoutRetryAfter?: { waitMs: number };
}

interface Env {
  sim: RunningSimulator<unknown>;
  hub: HubConnection;
  opts: ContractSuiteOptions<unknown>;
}

async function withSimulator<TState>(
  opts: ContractSuiteOptions<TState>,
  seed: SeedProduct[],
  body: (env: Env) => Promise<void>,
): Promise<void> {
  const sim = (await startSimulator(opts.simulator)) as RunningSimulator<unknown>;
  try {
    sim.seed(seed);
    const hub = connectAsHub(opts.plugin, sim.credentials, opts.clientOptions);
    await body({ sim, hub, opts: opts as ContractSuiteOptions<unknown> });
  } finally {
    await sim.close();
  }
}

const write = (r: VariantRef, target: TargetStock, previous?: TargetStock): StockWrite => ({ ...r, target, previous });
const caps = (opts: ContractSuiteOptions<unknown>) => opts.plugin.manifest.capabilities;

async function writeAll(env: Env, changes: StockWrite[]) {
  const outcomes = await env.hub.connection.writeStock(changes);
  assertOutcomesMatchInput(outcomes, changes, 'writeStock');
  return outcomes;
}

/** Reads back through readStock (every plugin must: the host reads back whatever `readBack` says) and checks each equals what was written. */
async function assertReadBack(env: Env, expected: StockWrite[]): Promise<void> {
  const observed = await env.hub.connection.readStock(expected);
  assertOutcomesMatchInput(observed, expected, 'readStock');
  observed.forEach((o, i) => {
    assert.equal(
      o.status,
      'found',
      `readStock ${refName(o)} failed: ${o.status === 'failed' ? `${o.error?.name}: ${o.error?.message}` : ''}`,
    );
    if (o.status !== 'found') return;
    assert.ok(
      stockEquals(o.stock, expected[i].target),
      `readStock says ${refName(o)} is ${describeStock(o.stock)}, but ${describeStock(expected[i].target)} was written`,
    );
  });
}

function assertSimulatorShows(env: Env, changes: StockWrite[]): void {
  for (const c of changes) assertShows(env.sim.stock(c), c.target, caps(env.opts), c);
}

/** No secret credential value in any message, error detail or log line. */
function assertNoSecrets(env: Env, texts: string[]): void {
  const haystack = [...texts, ...env.hub.log.lines].join('\n');
  for (const s of env.hub.secrets)
    assert.ok(!haystack.includes(s), 'a secret credential value appears in an error message, error detail or log line');
}

function errorText(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const json = isPluginError(e) ? JSON.stringify(e) : '';
  return `${e.name} ${e.message} ${json} ${e.stack ?? ''}`;
}

/** Credentials with every secret (or, without secrets, every required field) replaced by a wrong value. */
function wrongCredentials(opts: ContractSuiteOptions<unknown>, good: Record<string, string>): Record<string, string> {
  const fields = opts.plugin.credentialFields;
  const targets = fields.some((f) => f.secret) ? fields.filter((f) => f.secret) : fields.filter((f) => f.required && f.name !== 'baseUrl');
  const bad = { ...good };
  for (const f of targets) if (bad[f.name]) bad[f.name] = `wrong_${bad[f.name].split('').reverse().join('')}`;
  return bad;
}

export type ContractScenario = <TState>(opts: ContractSuiteOptions<TState>) => Promise<void>;

export const contractScenarios = {
  async 'manifest, credential fields and simulator credentials validate'(opts) {
    const v = validatePlugin(opts.plugin);
    assert.ok(v.ok, `validatePlugin: ${v.ok ? '' : v.errors.join('; ')}`);
    assert.equal(opts.simulator.id, opts.plugin.manifest.id, 'the simulator id must be the plugin id');
    const sim = await startSimulator(opts.simulator);
    try {
      assert.equal(sim.credentials.baseUrl, sim.baseUrl, "the simulator's credentials must include baseUrl = the simulator's URL");
      const c = validateCredentials(opts.plugin.credentialFields, sim.credentials);
      assert.ok(c.ok, `the simulator's credentials must validate: ${c.ok ? '' : c.errors.map((e) => e.message).join('; ')}`);
    } finally {
      await sim.close();
    }
  },

  async 'verify accepts good credentials and rejects bad ones with AuthError'(opts) {
    await withSimulator(opts, products(1, 1), async (env) => {
      await env.hub.connection.verify();
      const bad = connectAsHub(opts.plugin, wrongCredentials(env.opts, env.sim.credentials), opts.clientOptions);
      const err = await bad.connection.verify().then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(
        err instanceof AuthError,
        `verify with wrong credentials must throw AuthError, got ${err === undefined ? 'success' : errorText(err)}`,
      );
      for (const s of bad.secrets) assert.ok(!errorText(err).includes(s), 'the AuthError contains a secret');
    });
  },

  async 'writes out of stock'(opts) {
    await withSimulator(opts, products(1, 2), async (env) => {
      const [a] = refsOf(products(1, 2));
      const changes = [write(a, { kind: 'out_of_stock' }, { kind: 'unlimited' })];
      assertAllWritten(await writeAll(env, changes));
      assertSimulatorShows(env, changes);
      await assertReadBack(env, changes);
    });
  },

  async 'writes unlimited after a quantity'(opts) {
    const seed = products(1, 2, { kind: 'quantity', quantity: 5 });
    await withSimulator(opts, seed, async (env) => {
      const [a] = refsOf(seed);
      const changes = [write(a, { kind: 'unlimited' }, { kind: 'quantity', quantity: 5 })];
      assertAllWritten(await writeAll(env, changes));
      assertSimulatorShows(env, changes);
      await assertReadBack(env, changes);
    });
  },

  async 'writes an exact quantity'(opts) {
    await withSimulator(opts, products(1, 2), async (env) => {
      const [a, b] = refsOf(products(1, 2));
      const changes = [write(a, { kind: 'quantity', quantity: 7 }), write(b, { kind: 'quantity', quantity: 23 })];
      assertAllWritten(await writeAll(env, changes));
      assertSimulatorShows(env, changes);
      await assertReadBack(env, changes);
    });
  },

  async 'writes more changes than one platform batch holds, across products'(opts) {
    const seed = overBatchProducts(opts.plugin.manifest.capabilities.maxBatch).map((p) => ({
      ...p,
      variants: p.variants.map((v) => ({ ...v, initial: { kind: 'quantity', quantity: 3 } as TargetStock })),
    }));
    await withSimulator(opts, seed, async (env) => {
      const changes = mixedTargets(refsOf(seed), { kind: 'quantity', quantity: 3 });
      assert.ok(changes.length > opts.plugin.manifest.capabilities.maxBatch);
      assertAllWritten(await writeAll(env, changes));
      assertSimulatorShows(env, changes);
      await assertReadBack(env, changes);
    });
  },

  async 'survives a 429 storm: everything written, the client waited at least Retry-After'(opts) {
    const silent = opts.throttleWithoutRetryAfter;
    const waitMs = silent ? silent.waitMs : (opts.stormRetryAfterSeconds ?? 2) * 1000;
    const said = silent ? `the documented wait of ${waitMs} ms (no Retry-After)` : `Retry-After ${waitMs / 1000}s`;
    const seed = products(2, 2);
    await withSimulator(opts, seed, async (env) => {
      const changes = refsOf(seed).map((r, i) => write(r, i % 2 ? { kind: 'out_of_stock' } : { kind: 'quantity', quantity: 4 + i }));
      env.sim.faults.rateLimit(2, Math.max(1, Math.ceil(waitMs / 1000)), { retryAfterHeader: !silent });
      const outcomes = await writeAll(env, changes);
      const reqs = env.sim.requests;
      // The first two requests were answered "throttled". After such an answer nothing may arrive sooner
      // than the wait, except requests already on their way when the answer left (concurrent workers'):
      // a few, early — on a loaded machine "early" can mean a few hundred ms, so count them instead of
      // timing them tightly. A client that re-sends at once keeps sending and is caught after the window.
      const inFlightWindowMs = 250;
      const maxInFlight = 4;
      const tolerance = 100;
      for (const k of [0, 1]) {
        if (!reqs[k]) continue;
        const t = reqs[k].at;
        const later = reqs.filter((r, j) => j > k && r.at < t + waitMs - tolerance);
        const inFlight = later.filter((r) => r.at <= t + inFlightWindowMs);
        const early = later.find((r) => r.at > t + inFlightWindowMs);
        assert.ok(
          inFlight.length <= maxInFlight,
          `${inFlight.length} requests arrived right after a throttled answer (more than ${maxInFlight} in flight: hammering)`,
        );
        assert.ok(!early, `a request went ${early ? early.at - t : 0} ms after a throttled answer with ${said} (hammering)`);
      }
      const longerThanClientSleeps = waitMs > (opts.clientOptions?.maxRetryAfterMs ?? 30_000);
      if (longerThanClientSleeps) {
        // The client must not sleep through it: the throttled changes fail RateLimited with the wait, for
        // the orchestrator to reschedule; the others may have been written by requests already in flight.
        let limited = 0;
        outcomes.forEach((o, i) => {
          if (o.status === 'written') return;
          assert.ok(
            o.error instanceof RateLimited,
            `${refName(changes[i])} failed with ${o.error?.name} (${o.error?.message}) instead of RateLimited after ${said}`,
          );
          assert.ok(
            o.error.retryAfterMs >= waitMs - tolerance,
            `${refName(changes[i])} failed RateLimited(${o.error.retryAfterMs} ms), shorter than ${said}`,
          );
          limited++;
        });
        assert.ok(limited >= 1, `the throttled changes must fail RateLimited when ${said} is longer than the client sleeps through`);
      } else {
        assertAllWritten(outcomes);
        assertSimulatorShows(env, changes);
        assert.ok(reqs.length >= 3, `expected the throttled requests to be retried, saw ${reqs.length} request(s)`);
      }
      // Server-side timing cannot tell a sub-millisecond re-send from a concurrent one; the client can:
      // the throttles must have reached the SDK client, the one place allowed to wait and retry.
      assert.ok(
        env.hub.http.stats.throttled >= 1,
        'the throttled answers never reached the SDK client: the plugin must call the platform through ctx.http (the one retry layer)',
      );
      assertNoSecrets(env, []);
    });
  },

  async 'retries transient 5xx and still writes everything'(opts) {
    const seed = products(1, 3);
    await withSimulator(opts, seed, async (env) => {
      const changes = refsOf(seed).map((r, i) => write(r, i === 1 ? { kind: 'out_of_stock' } : { kind: 'quantity', quantity: 11 + i }));
      env.sim.faults.serverError(2, 503);
      assertAllWritten(await writeAll(env, changes));
      assertSimulatorShows(env, changes);
      env.sim.faults.serverError(1, 502);
      await assertReadBack(env, changes);
    });
  },

  async 'revoked credentials: AuthError on verify and on every write, no secret anywhere'(opts) {
    const seed = products(2, 2);
    await withSimulator(opts, seed, async (env) => {
      env.sim.faults.revokeCredentials();
      const err = await env.hub.connection.verify().then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(
        err instanceof AuthError,
        `verify with revoked credentials must throw AuthError, got ${err === undefined ? 'success' : errorText(err)}`,
      );
      const changes = refsOf(seed).map((r) => write(r, { kind: 'out_of_stock' }));
      const outcomes = await writeAll(env, changes);
      for (const o of outcomes) {
        assert.equal(o.status, 'failed', `${refName(o)} was reported written although the credentials are revoked`);
        if (o.status === 'failed')
          assert.ok(o.error instanceof AuthError, `${refName(o)} failed with ${errorText(o.error)}, expected AuthError`);
      }
      // Still as seeded (unlimited; a high quantity where the platform emulates it).
      for (const c of changes) assertShows(env.sim.stock(c), { kind: 'unlimited' }, caps(env.opts), c);
      assertNoSecrets(env, [errorText(err), ...outcomes.map((o) => (o.status === 'failed' ? errorText(o.error) : ''))]);
    });
  },

  async 'a deleted variant comes back NotFound while the others are written'(opts) {
    const seed = products(1, 3);
    await withSimulator(opts, seed, async (env) => {
      const [a, gone, c] = refsOf(seed);
      env.sim.faults.deleteVariant(gone);
      assert.equal(env.sim.stock(gone), 'deleted', 'the simulator must report a deleted variant as deleted');
      const changes = [
        write(a, { kind: 'quantity', quantity: 6 }),
        write(gone, { kind: 'quantity', quantity: 6 }),
        write(c, { kind: 'out_of_stock' }),
      ];
      const outcomes = await writeAll(env, changes);
      const lost = outcomes[1];
      assert.ok(
        lost.status === 'failed' && lost.error instanceof NotFound,
        `the deleted variant must fail with NotFound, got ${lost.status === 'failed' ? errorText(lost.error) : lost.status}`,
      );
      assertAllWritten([outcomes[0], outcomes[2]]);
      assertSimulatorShows(env, [changes[0], changes[2]]);
      const observed = await env.hub.connection.readStock([gone]);
      assertOutcomesMatchInput(observed, [gone], 'readStock');
      assert.ok(
        observed[0].status === 'failed' && observed[0].error instanceof NotFound,
        'readStock of a deleted variant must fail with NotFound',
      );
    });
  },

  async 'reads back what was written, and a merchant edit'(opts) {
    const seed = products(2, 3, { kind: 'quantity', quantity: 2 });
    await withSimulator(opts, seed, async (env) => {
      const changes = mixedTargets(refsOf(seed), { kind: 'quantity', quantity: 2 });
      assertAllWritten(await writeAll(env, changes));
      await assertReadBack(env, changes);
      const edited = changes[0];
      env.sim.manualEdit(edited, { kind: 'quantity', quantity: 17 });
      const [seen] = await env.hub.connection.readStock([edited]);
      assert.ok(
        seen.status === 'found' && stockEquals(seen.stock, { kind: 'quantity', quantity: 17 }),
        'readStock must show a merchant\u2019s manual edit (drift)',
      );
    });
  },

  async 'kept platform state: a write from what the plugin kept lands, even after a merchant edit behind the hub'(opts) {
    const seed = products(2, 3, { kind: 'quantity', quantity: 2 });
    await withSimulator(opts, seed, async (env) => {
      const refs = refsOf(seed);
      const keptOf = (o: WriteOutcome) => {
        if (o.status !== 'written' || o.keep === undefined) return undefined;
        const problem = keepProblem(o.keep);
        assert.equal(problem, undefined, `writeStock ${refName(o)}: ${problem}`);
        return o.keep;
      };
      const first = refs.map((r, i) => write(r, { kind: 'quantity', quantity: 5 + i }, { kind: 'quantity', quantity: 2 }));
      const firstOut = await writeAll(env, first);
      assertAllWritten(firstOut);
      // As the hub does: what a write kept comes back with the next one, `previous` being that write's target.
      const second = refs.map((r, i) => ({
        ...write(r, i % 2 ? { kind: 'out_of_stock' } : { kind: 'quantity', quantity: 20 + i }, first[i].target),
        kept: keptOf(firstOut[i]),
      }));
      const secondOut = await writeAll(env, second);
      assertAllWritten(secondOut);
      assertSimulatorShows(env, second);
      // A merchant changes two counts behind the hub: the next write from what was kept must still land, or fail
      // (a switch of the variant's tracking is each plugin's own test: Shopify proves it from the write's answer).
      env.sim.manualEdit(refs[0], { kind: 'quantity', quantity: 17 });
      env.sim.manualEdit(refs[1], { kind: 'quantity', quantity: 4 });
      const third = refs.map((r, i) => ({
        ...write(r, { kind: 'quantity', quantity: 30 + i }, second[i].target),
        kept: keptOf(secondOut[i]),
      }));
      const thirdOut = await writeAll(env, third);
      thirdOut.forEach((o, i) => {
        if (o.status === 'written') assertShows(env.sim.stock(third[i]), third[i].target, caps(env.opts), third[i]);
      });
      assertAllWritten(thirdOut.slice(2));
    });
  },

  async 'writing the same state twice is harmless'(opts) {
    const seed = products(1, 3, { kind: 'quantity', quantity: 2 });
    await withSimulator(opts, seed, async (env) => {
      const changes = mixedTargets(refsOf(seed), { kind: 'quantity', quantity: 2 });
      assertAllWritten(await writeAll(env, changes));
      const again = changes.map((c) => ({ ...c, previous: c.target }));
      assertAllWritten(await writeAll(env, again));
      assertSimulatorShows(env, changes);
      await assertReadBack(env, changes);
    });
  },
} satisfies Record<string, ContractScenario>;

export type ContractScenarioName = keyof typeof contractScenarios;
