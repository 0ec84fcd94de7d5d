import { Module } from '@nestjs/common';
import { InterviewsService } from './interviews/interviews.service';
import { ParticipantsService } from './participants.service';
import { PathwaysService } from './pathways.service';
import { ReferralsService } from './referrals.service';

@Module({
  providers: [ReferralsService, ParticipantsService, PathwaysService, InterviewsService],
  exports: [ReferralsService, ParticipantsService, PathwaysService, InterviewsService],
})
export class PathwaysModule {}
