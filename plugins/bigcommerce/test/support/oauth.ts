/** Install-flow plumbing: the app, and the exchange context as the hub builds it (a host HTTP client, the callback). */
import { createHttpClient } from '@stock-sync/plugin-sdk';
import type { OAuthApp, OAuthExchangeContext } from '@stock-sync/plugin-api';
import { inboundRequest } from '@stock-sync/plugin-testkit/simulator';
import { recordingLogger } from '@stock-sync/plugin-testkit/contract';
import type { RecordingLogger } from '@stock-sync/plugin-testkit/contract';
import { plugin } from '../../src';

export const REDIRECT_URI = 'https://hub.example.test/oauth/callback/bigcommerce';

export const testApp = (baseUrl?: string): OAuthApp => ({
  clientId: 'testclientid0001',
  clientSecret: 'test-client-secret-0001',
  ...(baseUrl ? { baseUrl } : {}),
});

export function exchangeContext(app: OAuthApp, query: Record<string, string>): OAuthExchangeContext & { log: RecordingLogger } {
  const log = recordingLogger();
  const http = createHttpClient({ rateLimit: plugin.manifest.rateLimit, secrets: [app.clientSecret], log, maxAttempts: 1 });
  return { app, inputs: {}, redirectUri: REDIRECT_URI, callback: inboundRequest({ query }), http, log };
}
