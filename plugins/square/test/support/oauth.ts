/** Test plumbing for the install flow: a host HTTP client, an inbound callback, the exchange context as the hub builds it. */
import { createHttpClient, type HttpClient, type InboundRequest, type OAuthApp, type OAuthExchangeContext } from '@stock-sync/plugin-sdk';
import { recordingLogger, type RecordingLogger } from '@stock-sync/plugin-testkit';
import { plugin } from '../../src';

/** The hub's redirect URI for Square (any https URL: the replay and the simulator do not call it). */
export const REDIRECT_URI = 'https://hub.example.test/oauth/callback/square';

/** A test app: fake, obviously not Square's. */
export function testApp(baseUrl: string): OAuthApp {
  return { clientId: 'sq0idp-test_client_id_0001', clientSecret: 'sq0csp-test_client_secret_0001', baseUrl };
}

export function hostHttp(log: RecordingLogger, secrets: string[] = []): HttpClient {
  return createHttpClient({ rateLimit: plugin.manifest.rateLimit, secrets, log, maxAttempts: 1 });
}

/** Square's redirect back to the hub, as the host hands it to the plugin. */
export function callback(query: Record<string, string>): InboundRequest {
  return { method: 'GET', query, headers: {}, rawBody: Buffer.alloc(0), body: undefined };
}

export function exchangeContext(
  app: OAuthApp,
  query: Record<string, string>,
  inputs: Record<string, string> = {},
): OAuthExchangeContext & { log: RecordingLogger } {
  const log = recordingLogger();
  return { app, inputs, redirectUri: REDIRECT_URI, callback: callback(query), http: hostHttp(log, [app.clientSecret]), log };
}
