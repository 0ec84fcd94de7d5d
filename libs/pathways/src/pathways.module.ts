import { Module } from '@nestjs/common';
import { ParticipantsModule } from '@parcours/participants';
import { PathwaysPersonalData } from './pathways-personal-data';
import { InterviewsService } from './interviews/interviews.service';
import { CandidatesService } from './proposals/candidates.service';
import { ProposalsService } from './proposals/proposals.service';
import { ParticipantsService } from './participants.service';
import { PathwaysService } from './pathways.service';
import { PathwaysWork } from './pathways-work';
import { ReferralsService } from './referrals.service';
import { PlacementsService } from './placements/placements.service';
import { FollowUpsService } from './follow-ups/follow-ups.service';

@Module({
  imports: [ParticipantsModule],
  providers: [PathwaysPersonalData, PathwaysWork, ReferralsService, ParticipantsService, PathwaysService, InterviewsService, ProposalsService, CandidatesService, PlacementsService, FollowUpsService],
  exports: [ReferralsService, ParticipantsService, PathwaysService, InterviewsService, ProposalsService, CandidatesService, PlacementsService, FollowUpsService],
})
export class PathwaysModule {}
