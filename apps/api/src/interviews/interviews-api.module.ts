import { Module } from '@nestjs/common';
import { PathwaysModule } from '@parcours/pathways';
import { TerritoryModule } from '@parcours/territory';
import { InterviewsResolver } from './interviews.resolver';
import { AppointmentLinkResolver } from './appointment-link.resolver';

@Module({ imports: [PathwaysModule, TerritoryModule], providers: [InterviewsResolver, AppointmentLinkResolver] })
export class InterviewsApiModule {}
