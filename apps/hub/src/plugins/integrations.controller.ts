import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { CONTRACT_VERSION, effectiveCredentialFields, type PluginManifest } from '@stock-sync/plugin-sdk';
import type { DataSource } from 'typeorm';
import { queryRows } from '../database/sql';
import { IntegrationDto, ListIntegrationsQuery, RefusedPluginsDto } from './integrations.dto';
import { PluginRegistry } from './plugin-registry.service';
import { ConnectionFactory } from './connection-factory.service';
import { installFlowSummary } from './install-flow-summary';

/** The manifest's contractVersion as the API's major (a plugin may write 1 or "1.3.0"). */
const contractMajor = (v: PluginManifest['contractVersion']): number => (typeof v === 'number' ? v : Number.parseInt(v, 10));

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
      contractVersion: contractMajor(p.manifest.contractVersion),
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

  /** The plugin packages found but not loaded since start-up, each with its reason (also in the hub's log). */
  @Get('refused')
  @ApiOperation({
    operationId: 'listRefusedPlugins',
    summary: 'List the plugin packages the hub found but refused to load, with the reason (e.g. another plugin API major)',
  })
  @ApiOkResponse({ type: RefusedPluginsDto })
  refused(): RefusedPluginsDto {
    return {
      pluginApi: CONTRACT_VERSION,
      refused: this.registry.rejected.map((r) => ({
        ...optional('id', r.id),
        ...optional('packageName', r.packageName),
        reason: r.reason,
      })),
    };
  }
}
