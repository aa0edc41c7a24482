/**
 * The consent step (RFC 6749 §4.1.1–4.1.2): GET on the platform's authorize path. As the platform does after
 * the merchant clicks "approve", it answers 302 to redirect_uri with a single-use, short-lived code bound to
 * the client, the redirect_uri, the scope and the PKCE challenge; with consent denied, 302 with
 * error=access_denied. A request naming an unknown client or no usable redirect_uri gets no redirect at all
 * (§4.1.2.1: never redirect to an unchecked URI), but a 400 page.
 */
import type { SimContext, SimRequest, SimResponse, SimRoute } from '../types';
import type { ConsentRequest, OAuthSimulatorConfig } from './oauth-sim-types';
import { mint, oauthSimState } from './oauth-sim-state';
import { queryValue, redirectTo } from './sim-oauth-helpers';

function page(status: number, text: string): SimResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text };
}

function usableRedirect(uri: string | undefined): uri is string {
  if (!uri) return false;
  try {
    const u = new URL(uri);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hash === '';
  } catch {
    return false;
  }
}

export function consentRoute<TState>(cfg: OAuthSimulatorConfig<TState>): SimRoute<TState> {
  return {
    method: 'GET',
    path: cfg.authorizePath,
    // A page on the platform's website the merchant's browser opens, not an API call: no API budget spent.
    cost: 0,
    handle(req: SimRequest, ctx: SimContext<TState>): SimResponse {
      const clientId = queryValue(req, 'client_id');
      const redirectUri = queryValue(req, 'redirect_uri');
      if (clientId !== cfg.app.clientId) return page(400, 'Unknown client_id: this app is not installed here');
      if (!usableRedirect(redirectUri)) return page(400, 'redirect_uri is missing or is not an absolute http(s) URL without a fragment');
      const s = oauthSimState(ctx.state);
      const query: Record<string, string> = {};
      for (const name of Object.keys(req.query)) query[name] = queryValue(req, name) ?? '';
      const consent: ConsentRequest = {
        clientId,
        redirectUri,
        state: queryValue(req, 'state'),
        scope: queryValue(req, 'scope'),
        query,
        subject: cfg.subject ? cfg.subject(req, ctx) : 'sandbox',
      };
      const withState = (params: Record<string, string>) => (consent.state === undefined ? params : { ...params, state: consent.state });

      const responseType = queryValue(req, 'response_type');
      if (responseType !== undefined && responseType !== 'code') {
        return redirectTo(
          redirectUri,
          withState({ error: 'unsupported_response_type', error_description: 'only response_type=code is supported' }),
        );
      }
      const challenge = queryValue(req, 'code_challenge');
      const method = queryValue(req, 'code_challenge_method');
      if ((cfg.pkce === 'required' && challenge === undefined) || (challenge !== undefined && method !== 'S256')) {
        return redirectTo(
          redirectUri,
          withState({ error: 'invalid_request', error_description: 'a code_challenge with code_challenge_method=S256 is required' }),
        );
      }
      if (s.consentDenied) {
        s.counts.denials++;
        const params = cfg.deniedParams
          ? cfg.deniedParams(consent, ctx)
          : withState({ error: 'access_denied', error_description: 'The merchant declined the app' });
        return redirectTo(redirectUri, params);
      }

      const code = mint(cfg.prefixes?.code ?? 'sim_code_');
      s.codes.set(code, {
        clientId,
        redirectUri,
        challenge,
        scope: consent.scope ?? '',
        subject: consent.subject,
        expiresAt: ctx.now() + (cfg.codeSeconds ?? 600) * 1000,
        used: false,
        grantId: s.nextGrantId++,
      });
      s.counts.consents++;
      const params = cfg.approveParams ? cfg.approveParams({ code, state: consent.state }, consent, ctx) : withState({ code });
      return redirectTo(redirectUri, params);
    },
  };
}
