/** Test plumbing for the install flow: a host HTTP client and the exchange context as the hub builds it. */
import { createHttpClient } from '@stock-sync/plugin-sdk';
import type { HttpClient, OAuthApp, OAuthExchangeContext } from '@stock-sync/plugin-api';
import { inboundRequest } from '@stock-sync/plugin-testkit/simulator';
import { recordingLogger } from '@stock-sync/plugin-testkit/contract';
import type { RecordingLogger } from '@stock-sync/plugin-testkit/contract';
import { plugin } from '../../src';

export const REDIRECT_URI = 'https://hub.example.test/oauth/callback/squarespace';

/** A test app: fake values. */
export function testApp(baseUrl?: string): OAuthApp {
  return { clientId: 'test-client-id-0001', clientSecret: 'test-client-secret-0001', ...(baseUrl ? { baseUrl } : {}) };
}

export function hostHttp(log: RecordingLogger, secrets: string[] = []): HttpClient {
  return createHttpClient({ rateLimit: plugin.manifest.rateLimit, secrets, log, maxAttempts: 1 });
}

export function exchangeContext(app: OAuthApp, query: Record<string, string>): OAuthExchangeContext & { log: RecordingLogger } {
  const log = recordingLogger();
  return { app, inputs: {}, redirectUri: REDIRECT_URI, callback: inboundRequest({ query }), http: hostHttp(log, [app.clientSecret]), log };
}
