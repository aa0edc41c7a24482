import { Module } from '@nestjs/common';
import { SyncVariantsController } from './sync-variants.controller';
import { SyncVariantsService } from './sync-variants.service';

@Module({ controllers: [SyncVariantsController], providers: [SyncVariantsService], exports: [SyncVariantsService] })
export class SyncVariantsModule {}
