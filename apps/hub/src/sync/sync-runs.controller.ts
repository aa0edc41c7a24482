import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { StoreIdParam } from '../stores/stores.dto';
import { ListSyncRunsQuery, RunIdParam, StartSyncBody, SyncChangeDto, SyncRunDto, SyncStartedDto } from './sync-runs.dto';
import { SyncRunsService } from './sync-runs.service';

@ApiTags('sync')
@ApiBearerAuth()
@Controller('v1')
export class SyncRunsController {
  constructor(private readonly runs: SyncRunsService) {}

  @Post('stores/:id/sync')
  @HttpCode(202)
  @ApiOperation({ operationId: 'startSync', summary: 'Start a sync run of a store (optionally a dry run or a full reconciliation)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiAcceptedResponse({ type: SyncStartedDto, description: 'the run is created queued; poll GET /v1/sync-runs/:runId' })
  start(@Param() params: StoreIdParam, @Body() body: StartSyncBody): Promise<SyncStartedDto> {
    return this.runs.start(params.id, body ?? {});
  }

  @Get('stores/:id/sync-runs')
  @ApiOperation({
    operationId: 'listSyncRuns',
    summary: "A store's sync runs, newest first",
    description: "Finished runs older than HUB_HISTORY_RETENTION_DAYS (default 30) are deleted, except the store's newest finished run.",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: [SyncRunDto], description: 'newest first' })
  list(@Param() params: StoreIdParam, @Query() query: ListSyncRunsQuery): Promise<SyncRunDto[]> {
    return this.runs.listForStore(params.id, query.limit);
  }

  @Get('sync-runs/:runId')
  @ApiOperation({
    operationId: 'getSyncRun',
    summary: 'Get a sync run',
    description:
      'A finished run deleted by the history retention (HUB_HISTORY_RETENTION_DAYS, default 30) answers 404 like an unknown run.',
  })
  @ApiParam({ name: 'runId', format: 'uuid' })
  @ApiOkResponse({ type: SyncRunDto })
  get(@Param() params: RunIdParam): Promise<SyncRunDto> {
    return this.runs.get(params.runId);
  }

  @Get('sync-runs/:runId/changes')
  @ApiOperation({
    operationId: 'listSyncRunChanges',
    summary: 'What a sync run changed, would change (dry run), failed to change or found drifted',
  })
  @ApiParam({ name: 'runId', format: 'uuid' })
  @ApiOkResponse({ type: [SyncChangeDto] })
  changes(@Param() params: RunIdParam): Promise<SyncChangeDto[]> {
    return this.runs.changes(params.runId);
  }
}
