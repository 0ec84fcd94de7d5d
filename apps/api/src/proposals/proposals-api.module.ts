import { Module } from '@nestjs/common';
import { PathwaysModule } from '@parcours/pathways';
import { ProposalsResolver } from './proposals.resolver';

@Module({ imports: [PathwaysModule], providers: [ProposalsResolver] })
export class ProposalsApiModule {}
