/**
 * `installFlow` of GET /v1/integrations: whether the platform's plugin has an install flow, whether the
 * operator configured its app here (never the client id or secret themselves), what the merchant gives to
 * start it, and the documented token lifetimes.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { IntegrationPlugin, OAuthApp } from '@stock-sync/plugin-sdk';
import { CredentialFieldDto } from './integrations.dto';

export class TokenLifetimeDto {
  @ApiPropertyOptional({ example: 3600, description: 'absent: long-lived' }) accessTokenSeconds?: number;
  @ApiPropertyOptional({ example: 7776000 }) refreshTokenSeconds?: number;
  @ApiProperty({
    example: 'https://developers.etsy.com/documentation/essentials/authentication',
    description: 'the platform document stating them',
  })
  source!: string;
}

export class InstallFlowDto {
  @ApiProperty({
    description: 'the app (client id and secret) is configured in this hub (HUB_OAUTH_<PLATFORM>_*): POST /v1/stores/connect works',
  })
  configured!: boolean;
  @ApiProperty({ type: () => [CredentialFieldDto], description: 'the `inputs` of POST /v1/stores/connect' })
  connectFields!: CredentialFieldDto[];
  @ApiProperty({ description: 'the flow uses PKCE (RFC 7636, S256)' }) pkce!: boolean;
  @ApiPropertyOptional({ type: () => TokenLifetimeDto }) tokenLifetime?: TokenLifetimeDto;
}

export function installFlowSummary(plugin: IntegrationPlugin, app: OAuthApp | undefined): InstallFlowDto | undefined {
  const oauth = plugin.oauth;
  if (!oauth) return undefined;
  const lifetime = oauth.tokenLifetime;
  return {
    configured: app !== undefined,
    connectFields: (oauth.connectFields ?? []).map((f) => ({
      name: f.name,
      secret: f.secret,
      required: f.required,
      ...(f.description ? { description: f.description } : {}),
    })),
    pkce: oauth.pkce === 'S256',
    ...(lifetime
      ? {
          tokenLifetime: {
            ...(lifetime.accessTokenSeconds !== undefined ? { accessTokenSeconds: lifetime.accessTokenSeconds } : {}),
            ...(lifetime.refreshTokenSeconds !== undefined ? { refreshTokenSeconds: lifetime.refreshTokenSeconds } : {}),
            source: lifetime.source,
          },
        }
      : {}),
  };
}
