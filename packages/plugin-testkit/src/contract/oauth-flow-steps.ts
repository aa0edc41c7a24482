/**
 * The steps install-flow tests repeat, as jest assertions: the merchant's browser at a consent page, the
 * standard authorization-code grant (RFC 6749 §4.1.3, client_secret_post) sent to a simulator or checked in a
 * replayed request, and, on a `useOAuthFlow` fixture, the declined consent, the replayed code, the expiry of a
 * credential, "connect, verify, write one variant, the simulator shows it" and the refresh of an expired token. Each returns what the test goes
 * on checking; the platform's own words and fields stay in the test.
 */
import {
  AuthError,
  exchangeCode,
  type ConnectedStore,
  type InboundRequest,
  type OAuthApp,
  type PluginOAuth,
  type TargetStock,
  type VariantRef,
} from '@stock-sync/plugin-sdk';
import type { EvidenceRequest } from '../evidence/evidence-file';
import type { ReplayedRequest } from '../evidence/replay-server';
import type { RunningSimulator } from '../simulator/types';
import type { OAuthFlow } from './oauth-flow-harness';

/** The merchant's browser at a consent URL (with `query` set on it): expects the 302 and returns its Location. */
export async function consentRedirect(url: string | URL, query: Record<string, string> = {}): Promise<URL> {
  const at = new URL(url);
  for (const [k, v] of Object.entries(query)) at.searchParams.set(k, v);
  const res = await fetch(at, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!, at);
}

export interface CodeGrant {
  clientId: string;
  clientSecret: string;
  code: string;
  /** Sent as redirect_uri when given. */
  redirectUri?: string;
  /** The body's encoding (default 'form'). */
  as?: 'form' | 'json';
}

/** POSTs the standard authorization-code grant (grant_type, code, redirect_uri, client_id, client_secret) to `tokenUrl`. */
export function postCodeGrant(tokenUrl: string, grant: CodeGrant): Promise<Response> {
  const fields: Record<string, string> = {
    grant_type: 'authorization_code',
    code: grant.code,
    ...(grant.redirectUri === undefined ? {} : { redirect_uri: grant.redirectUri }),
    client_id: grant.clientId,
    client_secret: grant.clientSecret,
  };
  const json = grant.as === 'json';
  return fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded' },
    body: json ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
  });
}

/**
 * A replayed token request is the documented form-encoded POST: the documented path, and exactly the
 * documented body's fields with `fields` (the test's code, client id, secret...) in place of the document's.
 */
export function expectFormGrant(req: ReplayedRequest, documented: EvidenceRequest, fields: Record<string, string>): void {
  expect(req.method).toBe('POST');
  expect(req.path).toBe(documented.path);
  expect(req.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
  expect(Object.fromEntries(new URLSearchParams(req.body))).toEqual({ ...(documented.body as object), ...fields });
}

/** An error's message and details name none of `secrets`. */
export function expectNoSecretIn(error: unknown, secrets: string[]): void {
  const text = JSON.stringify({ message: (error as Error).message, details: (error as { details?: unknown }).details });
  for (const s of secrets) expect(text).not.toContain(s);
}

/** The simulator's requests so far, one `METHOD path status` line each. */
export function requestLines(sim: Pick<RunningSimulator<unknown>, 'requests'>): string[] {
  return sim.requests.map((r) => `${r.method} ${r.path} ${r.status}`);
}

/** An ISO instant at least `ms` (less a minute's slack) after the flow's clock. */
export function expectExpiresIn(flow: Pick<OAuthFlow<unknown>, 'clock'>, instant: string | undefined, ms: number): void {
  expect(Date.parse(instant!) - flow.clock()).toBeGreaterThan(ms - 60_000);
}

/** What `consent` and `exchangeContext` of the flow are given in a step. */
export interface FlowStepOptions {
  state?: string;
  codeChallenge?: string;
  codeVerifier?: string;
  /** The merchant's connect inputs (the plugin's connectFields). */
  inputs?: Record<string, string>;
}

function consentOf<T>(flow: OAuthFlow<T>, at: FlowStepOptions): Promise<string> {
  return flow.consent({
    ...(at.state === undefined ? {} : { state: at.state }),
    ...(at.codeChallenge === undefined ? {} : { codeChallenge: at.codeChallenge }),
    ...(at.inputs === undefined ? {} : { inputs: at.inputs }),
  });
}

function exchangeAt<T>(flow: OAuthFlow<T>, location: string, at: FlowStepOptions): Promise<ConnectedStore> {
  const extra = {
    ...(at.codeVerifier === undefined ? {} : { codeVerifier: at.codeVerifier }),
    ...(at.inputs === undefined ? {} : { inputs: at.inputs }),
  };
  return exchangeCode(flow.plugin.oauth!, flow.exchangeContext(location, extra));
}

/** The merchant connects a store through the flow: consent, then the exchange of its callback. */
export async function connectByFlow<T>(flow: OAuthFlow<T>, at: FlowStepOptions = {}): Promise<ConnectedStore> {
  return exchangeAt(flow, await consentOf(flow, at), at);
}

/**
 * `attempt` is refused with an AuthError before `server` (a simulator or a replay, its requests reset by the
 * caller) was sent anything. Returns the refusal, for the platform's own words.
 */
export async function expectRefusedBeforeAnyCall(
  server: { readonly requests: readonly unknown[] },
  attempt: Promise<unknown>,
): Promise<AuthError> {
  const error: unknown = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthError);
  expect(server.requests).toHaveLength(0);
  return error as AuthError;
}

/**
 * The merchant declines (the simulator's denyConsent is set by the caller): the exchange of the callback is an
 * AuthError and sends nothing. Returns the callback's query, for the platform's own error parameters.
 */
export async function expectDeclinedConsentRefused<T>(flow: OAuthFlow<T>, at: FlowStepOptions = {}): Promise<URLSearchParams> {
  const location = await consentOf(flow, at);
  flow.sim.resetRequests();
  await expectRefusedBeforeAnyCall(flow.sim, exchangeAt(flow, location, at));
  return new URL(location).searchParams;
}

/**
 * A code exchanged twice: the second exchange is an AuthError naming neither the code, the app's secret nor the
 * verifier. Returns the first exchange's store and the refusal, for the platform's own words.
 */
export async function expectReplayedCodeRefused<T>(
  flow: OAuthFlow<T>,
  at: FlowStepOptions = {},
): Promise<{ first: ConnectedStore; error: AuthError }> {
  const location = await consentOf(flow, at);
  const first = await exchangeAt(flow, location, at);
  const error: unknown = await exchangeAt(flow, location, at).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthError);
  const secrets = [new URL(location).searchParams.get('code') ?? '', flow.app.clientSecret, at.codeVerifier ?? ''];
  expectNoSecretIn(
    error,
    secrets.filter((s) => s !== ''),
  );
  return { first, error: error as AuthError };
}

/** The flow's credentials connect: verify passes, one variant written to `target`, and the simulator shows it. */
export async function expectConnectsAndWrites<T>(
  flow: OAuthFlow<T>,
  credentials: Record<string, string>,
  ref: VariantRef,
  target: TargetStock,
): Promise<void> {
  const connection = flow.plugin.connect(flow.context(credentials));
  await expect(connection.verify()).resolves.toBeUndefined();
  const [out] = await connection.writeStock([{ ...ref, target }]);
  expect(out!.status).toBe('written');
  expect(flow.sim.stock(ref)).toEqual(target);
}

/**
 * The access token outlives `lifetimeMs` on the flow's clock: verify is refused (AuthError); refreshCredentials
 * renews it with exactly the `calls` (`METHOD path status`), a new access token that verifies. Returns the
 * renewed credentials, for the platform's own rules (rotation, fields kept, expiries).
 */
export async function expectRefreshAfterExpiry<T>(
  flow: OAuthFlow<T>,
  credentials: Record<string, string>,
  lifetimeMs: number,
  calls: string[],
): Promise<Record<string, string>> {
  const { plugin, context } = flow;
  flow.advance(lifetimeMs);
  await expect(plugin.connect(context(credentials)).verify()).rejects.toBeInstanceOf(AuthError);
  flow.sim.resetRequests();
  const renewed = await plugin.refreshCredentials!(context(credentials));
  expect(requestLines(flow.sim)).toEqual(calls);
  expect(renewed.accessToken).not.toBe(credentials.accessToken);
  await expect(plugin.connect(context(renewed)).verify()).resolves.toBeUndefined();
  return renewed;
}

/**
 * The refresh of `credentials` on the flow is refused (a spent or expired refresh token, a revoked app): an
 * AuthError naming neither the refresh token nor the app's secret. Returns it, for the platform's own words.
 */
export async function expectRefreshRefused<T>(flow: OAuthFlow<T>, credentials: Record<string, string>): Promise<AuthError> {
  const error: unknown = await flow.plugin.refreshCredentials!(flow.context(credentials)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthError);
  expectNoSecretIn(
    error,
    [credentials.refreshToken ?? '', flow.app.clientSecret].filter((s) => s !== ''),
  );
  return error as AuthError;
}

/**
 * An uninstall notice signed for `app` (as its simulator signs it): the plugin reads `externalStoreId` from it
 * with that app, and refuses it (null) under another secret.
 */
export function expectUninstallVerifiedWith(oauth: PluginOAuth, notice: InboundRequest, app: OAuthApp, externalStoreId: string): void {
  expect(oauth.verifyUninstall!(notice, app)?.externalStoreId).toBe(externalStoreId);
  expect(oauth.verifyUninstall!(notice, { ...app, clientSecret: `${app.clientSecret}-other` })).toBeNull();
}
