import { Module } from '@nestjs/common';
import { ParticipantsService } from './participants.service';
import { PathwaysService } from './pathways.service';
import { ReferralsService } from './referrals.service';

@Module({
  providers: [ReferralsService, ParticipantsService, PathwaysService],
  exports: [ReferralsService, ParticipantsService, PathwaysService],
})
export class PathwaysModule {}
