import { Module } from '@nestjs/common';
import { ParticipantsModule } from '@parcours/participants';
import { PathwaysPersonalData } from './pathways-personal-data';
import { InterviewsService } from './interviews/interviews.service';
import { CandidatesService } from './proposals/candidates.service';
import { ProposalsService } from './proposals/proposals.service';
import { ParticipantsService } from './participants.service';
import { PathwaysService } from './pathways.service';
import { ReferralsService } from './referrals.service';

@Module({
  imports: [ParticipantsModule],
  providers: [PathwaysPersonalData, ReferralsService, ParticipantsService, PathwaysService, InterviewsService, ProposalsService, CandidatesService],
  exports: [ReferralsService, ParticipantsService, PathwaysService, InterviewsService, ProposalsService, CandidatesService],
})
export class PathwaysModule {}
