/**
 * Jest-side conveniences around the replay server: one replay per test, closed after it, and the standard
 * code exchange run against it (so a plugin's token request and its reading of the documented answer are
 * tested through the real SDK client).
 */
import { createHttpClient, exchangeCode, type ConnectedStore, type OAuthApp, type PluginOAuth } from '@stock-sync/plugin-sdk';
import { inboundRequest } from '../simulator/oauth/signing';
import { recordingLogger } from '../contract/hub-connection';
import type { EvidenceResponse } from './evidence-file';
import { startReplay, type Replay, type ReplayedRequest } from './replay-server';

export interface ReplayPerTest {
  /** Starts this test's replay with `answers` (closing one still open). */
  start(answers: EvidenceResponse[]): Promise<Replay>;
  /** The requests the replay started in this test received. */
  readonly requests: ReplayedRequest[];
  /** The base URL of the replay started in this test. */
  readonly baseUrl: string;
}

/** A replay started by the test and closed after each test (registers a jest `afterEach`; call it at describe level). */
export function useReplay(): ReplayPerTest {
  let current: Replay | undefined;
  const close = async () => {
    const open = current;
    current = undefined;
    await open?.close();
  };
  afterEach(close);
  const started = () => {
    if (current === undefined) throw new Error('useReplay: no replay started in this test');
    return current;
  };
  return {
    async start(answers) {
      await close();
      current = await startReplay(answers);
      return current;
    },
    get requests() {
      return started().requests;
    },
    get baseUrl() {
      return started().baseUrl;
    },
  };
}

export interface ReplayedExchange {
  /** The app; its baseUrl is replaced by the replay's. */
  app: OAuthApp;
  /** The callback's query (code, state...). */
  query: Record<string, string>;
  redirectUri: string;
  inputs?: Record<string, string>;
}

/**
 * The SDK's code exchange for `oauth` (its own `exchange`, or the standard one) against `replay`, as the host
 * runs it: the callback built from `query`, a single-attempt HTTP client, a recording logger.
 */
export function exchangeWithReplay(oauth: PluginOAuth, replay: Replay, ctx: ReplayedExchange): Promise<ConnectedStore> {
  return exchangeCode(oauth, {
    app: { ...ctx.app, baseUrl: replay.baseUrl },
    inputs: ctx.inputs ?? {},
    redirectUri: ctx.redirectUri,
    callback: inboundRequest({ query: ctx.query }),
    http: createHttpClient({ rateLimit: { requestsPerSecond: 50, burst: 50 }, maxAttempts: 1 }),
    log: recordingLogger(),
  });
}
