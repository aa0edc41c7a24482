import { Module } from '@nestjs/common';
import { FacilityStockController } from './facility-stock.controller';
import { FacilityStockService } from './facility-stock.service';

@Module({ controllers: [FacilityStockController], providers: [FacilityStockService], exports: [FacilityStockService] })
export class FacilityStockModule {}
