import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { effectiveCredentialFields } from '@stock-sync/plugin-sdk';
import type { DataSource } from 'typeorm';
import { queryRows } from '../database/sql';
import { IntegrationDto, ListIntegrationsQuery } from './integrations.dto';
import { PluginRegistry } from './plugin-registry.service';
import { ConnectionFactory } from './connection-factory.service';
import { installFlowSummary } from './install-flow-summary';

const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  value === undefined ? {} : ({ [key]: value } as Record<K, V>);

@ApiTags('reference data')
@ApiBearerAuth()
@Controller('v1/integrations')
export class IntegrationsController {
  constructor(
    private readonly registry: PluginRegistry,
    @InjectDataSource() private readonly db: DataSource,
    private readonly connections: ConnectionFactory,
  ) {}

  /** One row per loaded plugin; `?includeUnavailable=true` adds known integrations whose plugin is gone. */
  @Get()
  @ApiOperation({ operationId: 'listIntegrations', summary: 'List the integrations (loaded platform plugins) and their credential fields' })
  @ApiOkResponse({ type: [IntegrationDto] })
  @ApiQuery({ name: 'includeUnavailable', required: false, type: Boolean })
  async list(@Query() query: ListIntegrationsQuery): Promise<IntegrationDto[]> {
    const loaded: IntegrationDto[] = this.registry.list().map((p) => ({
      id: p.manifest.id,
      displayName: p.manifest.displayName,
      contractVersion: p.manifest.contractVersion,
      capabilities: { ...p.manifest.capabilities },
      rateLimit: { ...p.manifest.rateLimit },
      credentialFields: effectiveCredentialFields(p.credentialFields).map((f) => ({
        name: f.name,
        secret: f.secret,
        required: f.required,
        ...(f.description ? { description: f.description } : {}),
      })),
      available: true,
      ...optional('installFlow', installFlowSummary(p, this.connections.appFor(p.manifest.id))),
    }));
    if (!query.includeUnavailable) return loaded;
    const gone = await queryRows<{
      id: string;
      display_name: string;
      contract_version: number;
      manifest: IntegrationDto & { capabilities: Record<string, unknown> };
      credential_fields: IntegrationDto['credentialFields'];
      unavailable_reason: string | null;
    }>(
      this.db.manager,
      `SELECT id, display_name, contract_version, manifest, credential_fields, unavailable_reason FROM integrations WHERE NOT available ORDER BY id`,
    );
    return [
      ...loaded,
      ...gone.map((g) => ({
        id: g.id,
        displayName: g.display_name,
        contractVersion: g.contract_version,
        capabilities: g.manifest.capabilities,
        rateLimit: g.manifest.rateLimit,
        credentialFields: g.credential_fields.map((f) => ({ name: f.name, secret: f.secret, required: f.required })),
        available: false,
        unavailableReason: g.unavailable_reason ?? undefined,
      })),
    ];
  }
}
