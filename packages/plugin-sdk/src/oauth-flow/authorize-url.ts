/**
 * authorizeUrl: the platform's consent URL for one connect request. A plugin's `authorizeUrlFor` wins (a
 * platform with its own parameters); otherwise the template + the RFC 6749 §4.1.1 parameters (+ RFC 7636
 * §4.3 with PKCE) + the plugin's fixed `authorizeParams`.
 */
import type { AuthorizeRequest, PluginOAuth } from '../oauth';
import { oauthUrl } from './oauth-url';

/** The parameters the flow sets itself; a plugin's fixed `authorizeParams` may not name them. */
export const STANDARD_AUTHORIZE_PARAMS: readonly string[] = Object.freeze([
  'client_id',
  'redirect_uri',
  'response_type',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
]);

export function authorizeUrl(spec: PluginOAuth, req: AuthorizeRequest): string {
  if (spec.authorizeUrlFor) return spec.authorizeUrlFor(req);
  if (spec.pkce === 'S256' && !req.codeChallenge)
    throw new Error('this platform requires PKCE: the authorize request has no code challenge');
  const url = oauthUrl(spec.authorizeUrl, req.inputs, req.app);
  const q = url.searchParams;
  for (const [name, value] of Object.entries(spec.authorizeParams ?? {})) q.set(name, value);
  q.set('client_id', req.app.clientId);
  q.set('redirect_uri', req.redirectUri);
  q.set('response_type', 'code');
  if (spec.scopes.length > 0) q.set('scope', spec.scopes.join(spec.scopeDelimiter ?? ' '));
  q.set('state', req.state);
  if (spec.pkce === 'S256') {
    q.set('code_challenge', req.codeChallenge!);
    q.set('code_challenge_method', 'S256');
  }
  return url.toString();
}
