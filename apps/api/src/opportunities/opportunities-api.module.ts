import { Module } from '@nestjs/common';
import { OpportunitiesModule } from '@parcours/opportunities';
import { PathwaysModule } from '@parcours/pathways';
import { OpportunitiesResolver } from './opportunities.resolver';
import { PartnersResolver } from './partners.resolver';

@Module({ imports: [OpportunitiesModule, PathwaysModule], providers: [PartnersResolver, OpportunitiesResolver] })
export class OpportunitiesApiModule {}
