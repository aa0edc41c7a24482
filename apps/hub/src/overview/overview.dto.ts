import { ApiProperty } from '@nestjs/swagger';

export class PlatformStoreCountsDto {
  @ApiProperty({ example: 'shopify' }) platform!: string;
  @ApiProperty() active!: number;
  @ApiProperty() paused!: number;
  @ApiProperty() needsReconnect!: number;
  @ApiProperty() total!: number;
}

export class StoreStatusCountsDto {
  @ApiProperty() active!: number;
  @ApiProperty() paused!: number;
  @ApiProperty() needs_reconnect!: number;
}

export class OverviewStoresDto {
  @ApiProperty() total!: number;
  @ApiProperty({ type: StoreStatusCountsDto }) byStatus!: StoreStatusCountsDto;
  @ApiProperty({ type: [PlatformStoreCountsDto], description: 'one row per platform that has stores, by platform id' })
  byPlatform!: PlatformStoreCountsDto[];
}

export class OverviewBacklogDto {
  @ApiProperty({ description: 'synced variants waiting for a write (pending)' }) pendingVariants!: number;
  @ApiProperty({ description: 'pending variants waiting out a retry backoff (after a throttled or failed call)' })
  variantsBackingOff!: number;
  @ApiProperty({ description: 'synced variants whose last write failed' }) failedVariants!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'pending since, of the oldest pending variant' })
  oldestPendingSince!: string | null;
  @ApiProperty({ nullable: true, type: Number }) oldestPendingAgeSeconds!: number | null;
}

export class LatencyBucketDto {
  @ApiProperty({ format: 'date-time' }) start!: string;
  @ApiProperty() writes!: number;
  @ApiProperty({ nullable: true, type: Number }) p50Seconds!: number | null;
  @ApiProperty({ nullable: true, type: Number }) maxSeconds!: number | null;
}

export class OverviewLatencyDto {
  @ApiProperty({ example: 60 }) windowMinutes!: number;
  @ApiProperty({ example: 5 }) bucketMinutes!: number;
  @ApiProperty({ description: 'writes of stock-update runs in the window that have a facility update before them' }) writes!: number;
  @ApiProperty({ nullable: true, type: Number }) p50Seconds!: number | null;
  @ApiProperty({ nullable: true, type: Number }) p95Seconds!: number | null;
  @ApiProperty({ nullable: true, type: Number }) maxSeconds!: number | null;
  @ApiProperty({ type: [LatencyBucketDto], description: 'oldest first, every bucket of the window (empty ones too)' })
  buckets!: LatencyBucketDto[];
}

export class PlatformThrottlesDto {
  @ApiProperty() platform!: string;
  @ApiProperty({ description: 'runs stopped by the platform’s rate limit' }) runs!: number;
}

export class OverviewThrottlesDto {
  @ApiProperty({ example: 60 }) windowMinutes!: number;
  @ApiProperty() runsThrottled!: number;
  @ApiProperty({ type: [PlatformThrottlesDto] }) byPlatform!: PlatformThrottlesDto[];
}

export class OverviewRunsDto {
  @ApiProperty({ example: 60 }) windowMinutes!: number;
  @ApiProperty() succeeded!: number;
  @ApiProperty() partial!: number;
  @ApiProperty() failed!: number;
  @ApiProperty({ description: 'queued or running now' }) active!: number;
}

export class OverviewDto {
  @ApiProperty({ format: 'date-time', description: "the database's clock when the figures were read" }) generatedAt!: string;
  @ApiProperty({ type: OverviewStoresDto }) stores!: OverviewStoresDto;
  @ApiProperty({ type: OverviewBacklogDto }) backlog!: OverviewBacklogDto;
  @ApiProperty({ type: OverviewLatencyDto }) latency!: OverviewLatencyDto;
  @ApiProperty({ type: OverviewThrottlesDto }) throttles!: OverviewThrottlesDto;
  @ApiProperty({ type: OverviewRunsDto, description: 'non-dry runs finished in the window, and those queued or running' })
  runs!: OverviewRunsDto;
}
