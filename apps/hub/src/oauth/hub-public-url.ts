/**
 * The hub's externally reachable origin, for the redirect URIs the platforms call back: HUB_PUBLIC_URL, or
 * (development, tests, sandbox) the address this process listens on. Production requires HUB_PUBLIC_URL as
 * soon as an app is configured (config/oauth-config.ts). Never taken from a request's Host header: a
 * client must not choose where codes are sent.
 */
import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { HUB_CONFIG } from '../config/config.tokens';
import type { HubConfig } from '../config/hub-config';

@Injectable()
export class HubPublicUrl {
  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly adapter: HttpAdapterHost,
  ) {}

  origin(): string {
    if (this.config.oauth.publicUrl) return this.config.oauth.publicUrl;
    const address = (this.adapter.httpAdapter?.getHttpServer() as { address?: () => AddressInfo | string | null } | undefined)?.address?.();
    const port = typeof address === 'object' && address ? address.port : this.config.port;
    const host = ['0.0.0.0', '::', ''].includes(this.config.host) ? '127.0.0.1' : this.config.host;
    return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  }

  /** Whether cookies set for the flow must be Secure. */
  get secure(): boolean {
    return this.origin().startsWith('https:');
  }

  redirectUri(platform: string): string {
    return `${this.origin()}/oauth/callback/${encodeURIComponent(platform)}`;
  }

  startUrl(requestId: string, state: string): string {
    return `${this.origin()}/oauth/start/${requestId}?state=${encodeURIComponent(state)}`;
  }
}
