/**
 * The contract's OAuth part, for a plugin with `oauth`: each scenario drives the plugin's install flow against
 * its simulator (mounted with the testkit's OAuth kit) exactly as the hub does — authorize URL → the
 * simulator's consent (302) → the callback (its signature checked by verifyCallback) → exchangeCode →
 * connect().verify() and a write → refreshCredentials (when present) after the simulator's clock passed the
 * access token's expiry → a refused refresh is an AuthError. No secret reaches a log line.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  authorizeUrl,
  AuthError,
  createHttpClient,
  exchangeCode,
  isPluginError,
  pkcePair,
  validateCredentials,
  validatePlugin,
  type ConnectedStore,
  type InboundRequest,
  type IntegrationPlugin,
  type OAuthApp,
  type PluginOAuth,
} from '@stock-sync/plugin-sdk';
import { denyConsent, oauthSimView } from '../simulator/oauth/consent-controls';
import { callbackFromLocation } from '../simulator/oauth/signing';
import { startSimulator } from '../simulator/start-simulator';
import type { PlatformSimulatorDefinition, RunningSimulator } from '../simulator/types';
import { FAST_BACKOFF } from './connect-to-simulator';
import { connectAsHub, recordingLogger, type HubClientOptions, type RecordingLogger } from './hub-connection';
import { products, refsOf } from './seed-plan';
import { stockEquals } from './stock-checks';

export interface OAuthContractOptions<TState> {
  plugin: IntegrationPlugin;
  /** The plugin's simulator with the OAuth kit mounted (it declares `oauthApp`). */
  simulator: PlatformSimulatorDefinition<TState>;
  /** What the merchant gives to start (the plugin's connectFields); default: the simulator's credentials of those names. */
  inputs?: Record<string, string>;
  /** Default 'https://hub.example.com/oauth/callback/<plugin id>' (the simulator only redirects to it). */
  redirectUri?: string;
  clientOptions?: HubClientOptions;
  /**
   * For a plugin with verifyUninstall: the uninstall / app-removed notice the platform would send for the
   * simulated store, signed with the sandbox app's secret (e.g. Shopify's app/uninstalled webhook). The scenario
   * checks it names the store the flow connected, and that a changed body or another secret is refused.
   */
  uninstallNotice?: (sim: RunningSimulator<TState>, app: OAuthApp) => InboundRequest;
}

interface FlowEnv {
  sim: RunningSimulator<unknown>;
  spec: PluginOAuth;
  app: OAuthApp;
  log: RecordingLogger;
  /** How far the simulator's clock runs ahead of the real one (ms); scenarios move it forward. */
  clock: { offsetMs: number };
  /** Every secret value seen, for the log check. */
  secrets: string[];
  opts: OAuthContractOptions<unknown>;
}

interface Consent {
  location: URL;
  callback: InboundRequest;
  state: string;
  codeVerifier?: string;
  inputs: Record<string, string>;
  redirectUri: string;
}

function specOf(plugin: IntegrationPlugin): PluginOAuth {
  const checked = validatePlugin(plugin);
  assert.ok(checked.ok, `the plugin does not validate: ${checked.ok ? '' : checked.errors.join('; ')}`);
  assert.ok(plugin.oauth, `${plugin.manifest.id} has no oauth part`);
  return plugin.oauth;
}

async function withFlow<TState>(opts: OAuthContractOptions<TState>, body: (env: FlowEnv) => Promise<void>): Promise<void> {
  const spec = specOf(opts.plugin);
  const sandboxApp = opts.simulator.oauthApp;
  assert.ok(sandboxApp, `the ${opts.simulator.id} simulator declares no oauthApp (mount the OAuth kit with withOAuth)`);
  const clock = { offsetMs: 0 };
  const sim = (await startSimulator(opts.simulator, { now: () => Date.now() + clock.offsetMs })) as RunningSimulator<unknown>;
  try {
    sim.seed(products(1, 2));
    const app: OAuthApp = { ...sandboxApp, baseUrl: sim.baseUrl };
    await body({
      sim,
      spec,
      app,
      log: recordingLogger(),
      clock,
      secrets: [sandboxApp.clientSecret],
      opts: opts as OAuthContractOptions<unknown>,
    });
  } finally {
    await sim.close();
  }
}

function inputsFor(env: FlowEnv): Record<string, string> {
  if (env.opts.inputs) return { ...env.opts.inputs };
  const inputs: Record<string, string> = {};
  for (const f of env.spec.connectFields ?? []) {
    const v = env.sim.credentials[f.name];
    if (v !== undefined) inputs[f.name] = v;
  }
  return inputs;
}

/** The merchant's browser: opens the authorize URL, and the platform answers with a redirect. */
async function consent(env: FlowEnv): Promise<Consent> {
  const state = randomBytes(16).toString('base64url');
  const pkce = env.spec.pkce === 'S256' ? pkcePair() : undefined;
  const inputs = inputsFor(env);
  const redirectUri = env.opts.redirectUri ?? `https://hub.example.com/oauth/callback/${env.opts.plugin.manifest.id}`;
  const url = new URL(authorizeUrl(env.spec, { app: env.app, inputs, redirectUri, state, codeChallenge: pkce?.challenge }));
  assert.equal(
    url.origin,
    new URL(env.sim.baseUrl).origin,
    `the authorize URL ${url.origin} does not honour the app's baseUrl (the sandbox)`,
  );
  const res = await fetch(url, { redirect: 'manual' });
  assert.equal(res.status, 302, `the simulator's consent answered ${res.status}, not a redirect: ${await res.text()}`);
  const location = new URL(res.headers.get('location') ?? '', url);
  assert.ok(
    location.toString().startsWith(redirectUri),
    `the consent redirected to ${location.origin}${location.pathname}, not to the redirect_uri`,
  );
  return { location, callback: callbackFromLocation(location.toString()), state, codeVerifier: pkce?.verifier, inputs, redirectUri };
}

function stateOf(env: FlowEnv, callback: InboundRequest): string | undefined {
  return env.spec.readState ? env.spec.readState(callback) : callback.query.state;
}

async function exchange(env: FlowEnv, c: Consent): Promise<ConnectedStore> {
  const http = createHttpClient({
    ...FAST_BACKOFF,
    ...env.opts.clientOptions,
    rateLimit: env.opts.plugin.manifest.rateLimit,
    log: env.log,
    secrets: [env.app.clientSecret],
  });
  return exchangeCode(env.spec, {
    app: env.app,
    inputs: c.inputs,
    redirectUri: c.redirectUri,
    callback: c.callback,
    codeVerifier: c.codeVerifier,
    http,
    log: env.log,
  });
}

function hubFor(env: FlowEnv, credentials: Record<string, string>) {
  const hub = connectAsHub(env.opts.plugin, credentials, { ...FAST_BACKOFF, ...env.opts.clientOptions });
  return hub;
}

async function connected(env: FlowEnv): Promise<{ store: ConnectedStore; consent: Consent }> {
  const c = await consent(env);
  if (env.spec.stateInCallback !== false)
    assert.equal(stateOf(env, c.callback), c.state, 'the callback does not carry the state of the connect request');
  if (env.spec.verifyCallback)
    assert.equal(env.spec.verifyCallback(c.callback, env.app), true, "verifyCallback refused the simulator's genuine callback");
  const store = await exchange(env, c);
  if (c.callback.query.code) env.secrets.push(c.callback.query.code);
  env.secrets.push(...secretCredentialValues(env, store.credentials));
  return { store, consent: c };
}

function secretCredentialValues(env: FlowEnv, credentials: Record<string, string>): string[] {
  const secret = new Set(env.opts.plugin.credentialFields.filter((f) => f.secret).map((f) => f.name));
  return Object.entries(credentials)
    .filter(([k, v]) => secret.has(k) && v !== '')
    .map(([, v]) => v);
}

function assertNoSecretLogged(env: FlowEnv, lines: string[]): void {
  for (const line of lines) {
    for (const secret of env.secrets) assert.ok(!line.includes(secret), `a log line carries a secret: ${line.replace(secret, '<secret>')}`);
  }
}

async function expectAuthError(p: Promise<unknown>, what: string): Promise<AuthError> {
  try {
    await p;
  } catch (e) {
    assert.ok(
      e instanceof AuthError || (isPluginError(e) && e.code === 'auth'),
      `${what} failed with ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}, not an AuthError`,
    );
    return e as AuthError;
  }
  assert.fail(`${what} succeeded; it must fail with an AuthError`);
}

function expiryOf(credentials: Record<string, string>, field: string): number | undefined {
  const v = credentials[field];
  if (v === undefined) return undefined;
  const t = Date.parse(v);
  assert.ok(Number.isFinite(t), `credentials.${field} is not an ISO 8601 instant: ${v}`);
  return t;
}

/** A copy of a notice with its body's last byte changed (its signature no longer matches). */
function tamperedBody(notice: InboundRequest): InboundRequest {
  const raw = Buffer.from(notice.rawBody);
  if (raw.length > 0) raw[raw.length - 1] ^= 1;
  else return { ...notice, rawBody: Buffer.from(' ') };
  return { ...notice, rawBody: raw };
}

export const oauthScenarios = {
  /** The merchant approves: the store connects with exactly its credential fields, verifies and takes a write. */
  async 'connects a store through the consent flow'<TState>(opts: OAuthContractOptions<TState>) {
    await withFlow(opts, async (env) => {
      const { store } = await connected(env);
      assert.ok(store.externalStoreId, 'the connected store has no externalStoreId');
      const checked = validateCredentials(env.opts.plugin.credentialFields, store.credentials);
      assert.ok(
        checked.ok,
        `the flow's credentials do not validate against credentialFields: ${checked.ok ? '' : checked.errors.map((e) => e.message).join('; ')}`,
      );
      const hub = hubFor(env, store.credentials);
      await hub.connection.verify();
      const [ref] = refsOf(products(1, 2));
      const outcomes = await hub.connection.writeStock([{ ...ref, target: { kind: 'quantity', quantity: 7 } }]);
      assert.equal(outcomes[0]?.status, 'written', `a write with the flow's credentials failed: ${JSON.stringify(outcomes[0])}`);
      const shown = env.sim.stock(ref);
      assert.ok(
        shown !== undefined && shown !== 'deleted' && stockEquals(shown, { kind: 'quantity', quantity: 7 }),
        `the simulator shows ${JSON.stringify(shown)} after writing 7`,
      );
      assertNoSecretLogged(env, [...env.log.lines, ...hub.log.lines]);
    });
  },

  /** A callback whose parameters were changed (or whose signature is missing) is refused by verifyCallback. */
  async 'refuses a tampered callback'<TState>(opts: OAuthContractOptions<TState>) {
    await withFlow(opts, async (env) => {
      if (!env.spec.verifyCallback) return;
      const c = await consent(env);
      const verify = env.spec.verifyCallback.bind(env.spec);
      assert.equal(verify(c.callback, env.app), true, "verifyCallback refused the simulator's genuine callback");
      for (const name of Object.keys(c.callback.query)) {
        const tampered = { ...c.callback, query: { ...c.callback.query, [name]: `${c.callback.query[name]}x` } };
        assert.equal(verify(tampered, env.app), false, `verifyCallback accepted a callback whose '${name}' was changed`);
      }
      assert.equal(
        verify({ ...c.callback, query: { ...c.callback.query, extra: '1' } }, env.app),
        false,
        'verifyCallback accepted a callback with an added parameter',
      );
      assert.equal(
        verify(c.callback, { ...env.app, clientSecret: `${env.app.clientSecret}x` }),
        false,
        'verifyCallback accepted a callback checked with another secret',
      );
    });
  },

  /** The merchant declines: the redirect says access_denied (with the state), the exchange is an AuthError. */
  async 'a declined consent connects nothing'<TState>(opts: OAuthContractOptions<TState>) {
    await withFlow(opts, async (env) => {
      denyConsent(env.sim, true);
      const c = await consent(env);
      assert.equal(
        c.callback.query.error,
        'access_denied',
        `the declined consent redirected without error=access_denied: ${[...c.location.searchParams.keys()].join(', ')}`,
      );
      if (env.spec.stateInCallback !== false) assert.equal(stateOf(env, c.callback), c.state, 'the declined consent lost the state');
      await expectAuthError(exchange(env, c), 'the exchange of a declined consent');
      assert.equal(oauthSimView(env.sim).counts.exchanges, 0, 'a declined consent issued tokens');
    });
  },

  /** A code is spent by its first exchange: the same callback again is refused. */
  async 'a code works once'<TState>(opts: OAuthContractOptions<TState>) {
    await withFlow(opts, async (env) => {
      const { consent: c } = await connected(env);
      await expectAuthError(exchange(env, c), 'a second exchange of the same code');
    });
  },

  /**
   * Tokens that expire: after the simulator's clock passes the access token's expiry the old token is refused,
   * refreshCredentials returns a working set with a later expiry, and a spent (rotated) refresh token is refused.
   */
  async 'refreshes expiring credentials'<TState>(opts: OAuthContractOptions<TState>) {
    await withFlow(opts, async (env) => {
      const { plugin } = env.opts;
      if (!plugin.refreshCredentials) return;
      const { store } = await connected(env);
      const expiresAt = expiryOf(store.credentials, 'accessTokenExpiresAt');
      if (expiresAt !== undefined) {
        assert.ok(expiresAt > Date.now(), 'the flow returned an access token that has already expired');
        env.clock.offsetMs += expiresAt - Date.now() + 1000;
        await expectAuthError(hubFor(env, store.credentials).connection.verify(), 'verify() with an expired access token');
      }
      const log = recordingLogger();
      const http = createHttpClient({
        ...FAST_BACKOFF,
        ...env.opts.clientOptions,
        rateLimit: plugin.manifest.rateLimit,
        log,
        secrets: secretCredentialValues(env, store.credentials),
      });
      const next = await plugin.refreshCredentials({ credentials: Object.freeze({ ...store.credentials }), http, log, app: env.app });
      env.secrets.push(...secretCredentialValues(env, next));
      const checked = validateCredentials(plugin.credentialFields, next);
      assert.ok(
        checked.ok,
        `refreshCredentials returned credentials that do not validate: ${checked.ok ? '' : checked.errors.map((e) => e.message).join('; ')}`,
      );
      const secretNames = plugin.credentialFields.filter((f) => f.secret).map((f) => f.name);
      assert.ok(
        secretNames.some((n) => next[n] !== store.credentials[n]),
        'refreshCredentials returned the same secret credentials (no new access token)',
      );
      const nextExpiry = expiryOf(next, 'accessTokenExpiresAt');
      if (expiresAt !== undefined)
        assert.ok(nextExpiry !== undefined && nextExpiry > Date.now(), 'the refreshed credentials carry no future accessTokenExpiresAt');
      await hubFor(env, next).connection.verify();
      if (next.refreshToken !== undefined && next.refreshToken !== store.credentials.refreshToken) {
        // Rotation: once the replacement has been used, the replaced refresh token is refused (some platforms
        // keep a replaced token working until then, for a lost answer).
        const after = await plugin.refreshCredentials({ credentials: Object.freeze({ ...next }), http, log, app: env.app });
        env.secrets.push(...secretCredentialValues(env, after));
        await expectAuthError(
          plugin.refreshCredentials({ credentials: Object.freeze({ ...store.credentials }), http, log, app: env.app }),
          'a refresh with a replaced (rotated) refresh token',
        );
      }
      assertNoSecretLogged(env, [...env.log.lines, ...log.lines]);
    });
  },

  /** The merchant revoked the app: the refresh is refused with an AuthError (the store then needs a person). */
  async 'a refused refresh is an AuthError'<TState>(opts: OAuthContractOptions<TState>) {
    await withFlow(opts, async (env) => {
      const { plugin } = env.opts;
      if (!plugin.refreshCredentials) return;
      const { store } = await connected(env);
      env.sim.faults.revokeCredentials();
      const log = recordingLogger();
      const http = createHttpClient({
        ...FAST_BACKOFF,
        ...env.opts.clientOptions,
        rateLimit: plugin.manifest.rateLimit,
        log,
        secrets: secretCredentialValues(env, store.credentials),
      });
      await expectAuthError(
        plugin.refreshCredentials({ credentials: Object.freeze({ ...store.credentials }), http, log, app: env.app }),
        'a refresh after the merchant revoked the app',
      );
      assertNoSecretLogged(env, log.lines);
    });
  },

  /** The platform's uninstall notice: a verified one names the connected store; a forged one is refused. */
  async 'verifies the uninstall notice'<TState>(opts: OAuthContractOptions<TState>) {
    await withFlow(opts, async (env) => {
      const verify = env.spec.verifyUninstall?.bind(env.spec);
      if (!verify) return;
      const build = (env.opts as OAuthContractOptions<unknown>).uninstallNotice;
      assert.ok(build, `${env.opts.plugin.manifest.id} has verifyUninstall: give the contract its simulator's uninstallNotice`);
      const { store } = await connected(env);
      const notice = build(env.sim, env.app);
      const verified = verify(notice, env.app);
      assert.ok(verified, "verifyUninstall refused the simulator's genuine notice");
      assert.equal(
        verified.externalStoreId,
        store.externalStoreId,
        'the uninstall notice names another store than the one the flow connected',
      );
      assert.ok(typeof verified.reason === 'string' && verified.reason !== '', 'the uninstall notice has no reason');
      assert.equal(verify(tamperedBody(notice), env.app), null, 'verifyUninstall accepted a notice whose body was changed');
      assert.equal(
        verify(notice, { ...env.app, clientSecret: `${env.app.clientSecret}x` }),
        null,
        'verifyUninstall accepted a notice checked with another secret',
      );
    });
  },
};

export type OAuthScenarioName = keyof typeof oauthScenarios;

/** Declares one jest test per OAuth scenario; call it at the top level of a plugin's test file. */
export function runOAuthContract<TState>(opts: OAuthContractOptions<TState> & { only?: OAuthScenarioName[] }): void {
  describe(`oauth contract: ${opts.plugin?.manifest?.id ?? 'plugin'} against its simulator`, () => {
    for (const name of Object.keys(oauthScenarios) as OAuthScenarioName[]) {
      if (opts.only && !opts.only.includes(name)) continue;
      if (name === 'verifies the uninstall notice' && opts.plugin?.oauth?.verifyUninstall && !opts.uninstallNotice) {
        // Shown in the run's summary as a to-do (never a silent pass): the plugin checks notices, the suite has none to give it.
        it.todo(`${name}: give runOAuthContract the simulator's uninstallNotice`);
        continue;
      }
      it(name, () => oauthScenarios[name](opts), 60_000);
    }
  });
}
