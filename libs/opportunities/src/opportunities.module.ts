import { Module } from '@nestjs/common';
import { TerritoryModule } from '@parcours/territory';
import { OpportunitiesPersonalData } from './opportunities-personal-data';
import { OpportunitiesService } from './opportunities.service';
import { PartnersService } from './partners.service';

@Module({
  imports: [TerritoryModule],
  providers: [OpportunitiesPersonalData, PartnersService, OpportunitiesService],
  exports: [PartnersService, OpportunitiesService],
})
export class OpportunitiesModule {}
