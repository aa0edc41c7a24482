import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FacilityStockResultDto, PostFacilityStockBody } from './facility-stock.dto';
import { FacilityStockService } from './facility-stock.service';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('v1/facility-stock')
export class FacilityStockController {
  constructor(private readonly stock: FacilityStockService) {}

  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: FacilityStockResultDto })
  record(@Body() body: PostFacilityStockBody): Promise<FacilityStockResultDto> {
    return this.stock.record(body.updates);
  }
}
