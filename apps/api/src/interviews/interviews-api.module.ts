import { Module } from '@nestjs/common';
import { PathwaysModule } from '@parcours/pathways';
import { TerritoryModule } from '@parcours/territory';
import { InterviewsResolver } from './interviews.resolver';

@Module({ imports: [PathwaysModule, TerritoryModule], providers: [InterviewsResolver] })
export class InterviewsApiModule {}
