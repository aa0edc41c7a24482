/**
 * `GET /oauth/start/:id?state=…`: the hop for platforms whose callback cannot carry our state
 * (`stateInCallback: false`). It binds the state to the merchant's browser with an HttpOnly cookie
 * (state-cookie.ts), then sends the browser to the platform's consent screen. Only an open request whose
 * id AND state match is hopped; nothing is written.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { authorizeUrl, pkceChallenge } from '@stock-sync/plugin-sdk';
import type { DataSource } from 'typeorm';
import { CredentialCipher } from '../crypto/credential-cipher';
import { ConnectionFactory } from '../plugins/connection-factory.service';
import { PluginRegistry } from '../plugins/plugin-registry.service';
import { decryptSecrets, findOpenConnectRequest } from './connect-requests';
import { HubPublicUrl } from './hub-public-url';
import { installFlowOf } from './install-flows';
import { stateHash } from './oauth-state';
import { stateCookie } from './state-cookie';

export type HopOutcome =
  { ok: true; location: string; cookie: string } | { ok: false; status: 400 | 404; error: 'invalid_state' | 'not_found'; message: string };

@Injectable()
export class ConnectHopService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: PluginRegistry,
    private readonly connections: ConnectionFactory,
    private readonly cipher: CredentialCipher,
    private readonly publicUrl: HubPublicUrl,
  ) {}

  async hop(id: string, state: string): Promise<HopOutcome> {
    const row = await findOpenConnectRequest(this.db.manager, id, stateHash(state));
    if (!row)
      return {
        ok: false,
        status: 400,
        error: 'invalid_state',
        message: 'this connect link is unknown, already used or expired (start again from the hub)',
      };
    const flow = installFlowOf(row.platform, this.registry.get(row.platform), this.connections.appFor(row.platform));
    if (!flow.ok) return { ok: false, status: 404, error: 'not_found', message: flow.message };
    const secrets = decryptSecrets(this.cipher, row);
    const location = authorizeUrl(flow.spec, {
      app: flow.app,
      inputs: secrets.inputs,
      redirectUri: row.redirect_uri,
      state,
      ...(secrets.codeVerifier ? { codeChallenge: pkceChallenge(secrets.codeVerifier) } : {}),
    });
    const secondsLeft = (new Date(row.expires_at).getTime() - Date.now()) / 1000;
    return { ok: true, location, cookie: stateCookie(row.platform, state, secondsLeft, this.publicUrl.secure) };
  }
}
