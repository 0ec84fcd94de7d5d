import { Module } from '@nestjs/common';
import { AccountsModule } from '@parcours/accounts';
import { ParticipantsModule } from '@parcours/participants';
import { FollowUpsPersonalData } from './follow-ups/follow-ups-personal-data';
import { InterviewsPersonalData } from './interviews/interviews-personal-data';
import { PathwaysPersonalData } from './pathways-personal-data';
import { PlacementsPersonalData } from './placements/placements-personal-data';
import { ProposalsPersonalData } from './proposals/proposals-personal-data';
import { InterviewsService } from './interviews/interviews.service';
import { AppointmentLinks } from './interviews/appointment-links';
import { AppointmentAnswersService } from './interviews/appointment-answers.service';
import { CandidatesService } from './proposals/candidates.service';
import { ProposalsService } from './proposals/proposals.service';
import { ParticipantsService } from './participants.service';
import { PathwaysService } from './pathways.service';
import { PathwaysWork } from './pathways-work';
import { ReferralsService } from './referrals.service';
import { PlacementsService } from './placements/placements.service';
import { FollowUpsService } from './follow-ups/follow-ups.service';
import { ConversationBus } from './conversation/conversation-bus';
import { ConversationPersonalData } from './conversation/conversation-personal-data';
import { ConversationService } from './conversation/conversation.service';

@Module({
  imports: [ParticipantsModule, AccountsModule],
  providers: [ConversationPersonalData, ConversationBus, ConversationService, PathwaysPersonalData, InterviewsPersonalData, ProposalsPersonalData, PlacementsPersonalData, FollowUpsPersonalData, PathwaysWork, ReferralsService, ParticipantsService, PathwaysService, InterviewsService, ProposalsService, CandidatesService, PlacementsService, FollowUpsService, AppointmentLinks, AppointmentAnswersService],
  exports: [ConversationBus, ConversationService, AppointmentLinks, AppointmentAnswersService, ReferralsService, ParticipantsService, PathwaysService, InterviewsService, ProposalsService, CandidatesService, PlacementsService, FollowUpsService],
})
export class PathwaysModule {}
