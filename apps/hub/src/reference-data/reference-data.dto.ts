import { ApiProperty } from '@nestjs/swagger';

export class FacilityDto {
  @ApiProperty({ example: 'US-NC' }) code!: string;
  @ApiProperty({ example: 'Charlotte' }) name!: string;
  @ApiProperty({ example: 'US', description: 'ISO-3166 alpha-2' }) country!: string;
  @ApiProperty({ description: 'a partner facility' }) partner!: boolean;
}

export class SellingRegionDto {
  @ApiProperty({ example: 'north_america' }) code!: string;
  @ApiProperty({ example: 'North America' }) name!: string;
  @ApiProperty({ type: [String], example: ['CA', 'MX', 'US-NC', 'US-TX'] }) facilities!: string[];
}
