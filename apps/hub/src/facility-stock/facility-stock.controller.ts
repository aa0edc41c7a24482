import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FacilityStockResultDto, PostFacilityStockBody } from './facility-stock.dto';
import { FacilityStockService } from './facility-stock.service';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('v1/facility-stock')
export class FacilityStockController {
  constructor(private readonly stock: FacilityStockService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    operationId: 'postFacilityStock',
    summary: 'Record facility stock observations (at most 10 000 per request; newest wins)',
  })
  @ApiAcceptedResponse({ type: FacilityStockResultDto })
  record(@Body() body: PostFacilityStockBody): Promise<FacilityStockResultDto> {
    return this.stock.record(body.updates);
  }
}
