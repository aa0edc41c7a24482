import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CAPABILITIES_SCHEMA, RATE_LIMIT_SCHEMA } from '../http/openapi-schemas';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { toBoolean } from '../http/query-transforms';
import { InstallFlowDto } from './install-flow-summary';

export class CredentialFieldDto {
  @ApiProperty({ example: 'accessToken' }) name!: string;
  @ApiProperty({ description: 'secret values are encrypted at rest and never returned' }) secret!: boolean;
  @ApiProperty() required!: boolean;
  @ApiPropertyOptional() description?: string;
}

export class IntegrationDto {
  @ApiProperty({ example: 'shopify' }) id!: string;
  @ApiProperty({ example: 'Shopify' }) displayName!: string;
  @ApiProperty({ example: 1, description: 'the major version of the plugin API the plugin was built for' }) contractVersion!: number;
  @ApiProperty(CAPABILITIES_SCHEMA) capabilities!: Record<string, unknown>;
  @ApiProperty(RATE_LIMIT_SCHEMA) rateLimit!: Record<string, unknown>;
  @ApiProperty({ type: [CredentialFieldDto] }) credentialFields!: CredentialFieldDto[];
  @ApiProperty() available!: boolean;
  @ApiPropertyOptional() unavailableReason?: string;
  @ApiPropertyOptional({
    type: () => InstallFlowDto,
    description: "present when the plugin can connect a store by the platform's install flow (POST /v1/stores/connect)",
  })
  installFlow?: InstallFlowDto;
}

export class ListIntegrationsQuery {
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  includeUnavailable?: boolean;
}

/** A plugin package the hub found and did not load, with why (another plugin API major, a bad manifest, ...). */
export class RefusedPluginDto {
  @ApiPropertyOptional({ example: 'future-shop', description: 'the platform id, when it could be read' }) id?: string;
  @ApiPropertyOptional({ example: '@acme/plugin-future-shop' }) packageName?: string;
  @ApiProperty({
    example: 'built for plugin API "^2.0.0" (major 2); this hub provides 1.1.0 and loads plugins built for 1.x',
  })
  reason!: string;
}

export class RefusedPluginsDto {
  @ApiProperty({ example: '1.1.0', description: 'the plugin API version this hub provides (semver)' }) pluginApi!: string;
  @ApiProperty({ type: [RefusedPluginDto] }) refused!: RefusedPluginDto[];
}
