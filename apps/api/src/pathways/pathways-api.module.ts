import { Module } from '@nestjs/common';
import { PathwaysModule } from '@parcours/pathways';
import { TerritoryModule } from '@parcours/territory';
import { ConversationResolver } from './conversation.resolver';
import { PathwaysResolver, ReferralSituationResolver } from './pathways.resolver';

@Module({
  imports: [PathwaysModule, TerritoryModule],
  providers: [PathwaysResolver, ReferralSituationResolver, ConversationResolver],
})
export class PathwaysApiModule {}
