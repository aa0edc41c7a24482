import { Module } from '@nestjs/common';
import { HistoryRetention } from './history-retention.service';

/** The history's retention (history-retention.service.ts). */
@Module({ providers: [HistoryRetention], exports: [HistoryRetention] })
export class HistoryModule {}
