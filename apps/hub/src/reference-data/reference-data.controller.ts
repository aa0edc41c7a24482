import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FacilityDto, SellingRegionDto } from './reference-data.dto';
import { ReferenceDataService } from './reference-data.service';

@ApiTags('reference data')
@ApiBearerAuth()
@Controller('v1')
export class ReferenceDataController {
  constructor(private readonly refs: ReferenceDataService) {}

  @Get('facilities')
  @ApiOperation({ operationId: 'listFacilities', summary: 'List the facilities' })
  @ApiOkResponse({ type: [FacilityDto] })
  async facilities(): Promise<FacilityDto[]> {
    return (await this.refs.facilities()).map(({ code, name, country, partner }) => ({ code, name, country, partner }));
  }

  @Get('selling-regions')
  @ApiOperation({ operationId: 'listSellingRegions', summary: 'List the selling regions and their facilities' })
  @ApiOkResponse({ type: [SellingRegionDto] })
  async sellingRegions(): Promise<SellingRegionDto[]> {
    return (await this.refs.sellingRegions()).map(({ code, name, facilities }) => ({ code, name, facilities: [...facilities] }));
  }
}
