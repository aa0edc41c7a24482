/** Test plumbing for the install flow: a host HTTP client, an inbound callback, the exchange context as the hub builds it. */
import { createHttpClient, type InboundRequest, type OAuthApp, type OAuthExchangeContext } from '@stock-sync/plugin-sdk';
import { recordingLogger, type RecordingLogger } from '@stock-sync/plugin-testkit';
import { plugin } from '../../src';

export const REDIRECT_URI = 'https://hub.example.test/oauth/callback/bigcommerce';

export function testApp(baseUrl?: string): OAuthApp {
  return { clientId: 'testclientid0001', clientSecret: 'test-client-secret-0001', ...(baseUrl ? { baseUrl } : {}) };
}

export function inbound(query: Record<string, string>): InboundRequest {
  return { method: 'GET', query, headers: {}, rawBody: Buffer.alloc(0), body: undefined };
}

export function exchangeContext(app: OAuthApp, query: Record<string, string>): OAuthExchangeContext & { log: RecordingLogger } {
  const log = recordingLogger();
  const http = createHttpClient({ rateLimit: plugin.manifest.rateLimit, secrets: [app.clientSecret], log, maxAttempts: 1 });
  return { app, inputs: {}, redirectUri: REDIRECT_URI, callback: inbound(query), http, log };
}
