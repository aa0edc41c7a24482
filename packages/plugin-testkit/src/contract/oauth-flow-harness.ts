/**
 * The fixture of a plugin's install-flow test against its simulator: an adjustable clock shared by the plugin
 * and the simulator, before each test a fresh seeded simulator with the operator's app pointed at it, and the
 * steps a host takes (the merchant's consent, the exchange context, the connect context).
 */
import {
  authorizeUrl,
  createHttpClient,
  type ConnectContext,
  type HttpClient,
  type IntegrationPlugin,
  type OAuthApp,
  type OAuthExchangeContext,
} from '@stock-sync/plugin-sdk';
import { callbackFromLocation } from '../simulator/oauth/signing';
import { startSimulator } from '../simulator/start-simulator';
import type { PlatformSimulatorDefinition, RunningSimulator, SeedProduct } from '../simulator/types';
import { recordingLogger } from './hub-connection';

export interface OAuthFlowOptions<TState> {
  simulator: PlatformSimulatorDefinition<TState>;
  /** The plugin under test, given the flow's clock. */
  plugin: (now: () => number) => IntegrationPlugin;
  /** The operator's app; each test's copy has its baseUrl pointed at the simulator. */
  app: OAuthApp;
  redirectUri: string;
  seed: SeedProduct[];
  /** Milliseconds the clock moves on before each test (e.g. so a per-second budget starts refilled); without it the clock goes back to real time. */
  stepEachTest?: number;
}

export interface OAuthFlow<TState> {
  readonly plugin: IntegrationPlugin;
  /** This test's simulator. */
  readonly sim: RunningSimulator<TState>;
  /** The app pointed at this test's simulator. */
  readonly app: OAuthApp;
  /** Real time plus every advance. */
  clock(): number;
  advance(ms: number): void;
  /** A single-attempt client with the manifest's budget, redacting `secrets`. */
  http(secrets?: string[]): HttpClient;
  /** The merchant's browser at the authorize URL: expects the consent's 302 and returns its Location. */
  consent(at?: { state?: string; codeChallenge?: string; inputs?: Record<string, string> }): Promise<string>;
  /** What the host hands the exchange for the callback at `location` (the app's secret and the verifier redacted). */
  exchangeContext(location: string, extra?: { codeVerifier?: string; inputs?: Record<string, string> }): OAuthExchangeContext;
  /** A connect context on `credentials`, with this test's app (or `withApp`; null: none). */
  context(credentials: Record<string, string>, withApp?: OAuthApp | null): ConnectContext;
}

/** Registers jest beforeEach/afterEach hooks (call it at file or describe level). */
export function useOAuthFlow<TState>(options: OAuthFlowOptions<TState>): OAuthFlow<TState> {
  let skew = 0;
  const clock = () => Date.now() + skew;
  const plugin = options.plugin(clock);
  let current: { sim: RunningSimulator<TState>; app: OAuthApp } | undefined;
  const now = () => {
    if (current === undefined) throw new Error('useOAuthFlow: read inside a test');
    return current;
  };
  beforeEach(async () => {
    skew = options.stepEachTest === undefined ? 0 : skew + options.stepEachTest;
    const sim = await startSimulator(options.simulator, { now: clock });
    sim.seed(options.seed);
    current = { sim, app: { ...options.app, baseUrl: sim.baseUrl } };
  });
  afterEach(async () => {
    const { sim } = now();
    current = undefined;
    await sim.close();
  });
  const http = (secrets: string[] = []) =>
    createHttpClient({ rateLimit: plugin.manifest.rateLimit, secrets, log: recordingLogger(), maxAttempts: 1 });
  return {
    plugin,
    get sim() {
      return now().sim;
    },
    get app() {
      return now().app;
    },
    clock,
    advance: (ms) => void (skew += ms),
    http,
    async consent(at = {}) {
      const url = authorizeUrl(plugin.oauth!, {
        app: now().app,
        inputs: at.inputs ?? {},
        redirectUri: options.redirectUri,
        state: at.state ?? 'state-1',
        ...(at.codeChallenge === undefined ? {} : { codeChallenge: at.codeChallenge }),
      });
      const res = await fetch(url, { redirect: 'manual' });
      expect(res.status).toBe(302);
      return res.headers.get('location')!;
    },
    exchangeContext(location, extra = {}) {
      const { app } = now();
      const verifier = extra.codeVerifier;
      return {
        app,
        inputs: extra.inputs ?? {},
        redirectUri: options.redirectUri,
        callback: callbackFromLocation(location),
        ...(verifier === undefined ? {} : { codeVerifier: verifier }),
        http: http(verifier === undefined ? [app.clientSecret] : [app.clientSecret, verifier]),
        log: recordingLogger(),
      };
    },
    context(credentials, withApp = now().app) {
      return { credentials, http: http(Object.values(credentials)), log: recordingLogger(), app: withApp ?? undefined };
    },
  };
}
