import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ContractType, OpportunityKind, Qualification } from '@parcours/opportunities';
import { FitReason, ProposalReason, ProposalStatus } from '@parcours/pathways';
import { IsEnum, IsOptional, IsString } from 'class-validator';
import { Connection } from '../graphql/connection';
import { LocalDateScalar } from '../graphql/scalars/local-date.scalar';
import { Text } from '../graphql/text-field';
import { Payload } from '../graphql/user-error';
import { PathwayNode } from '../pathways/pathways.types';
import { AboutParticipant, NotPersonal, Personal, of } from '../audit/graphql-personal-data';

registerEnumType(ProposalStatus, {
  name: 'ProposalStatus',
  description: 'Open: PROPOSED, ACCEPTED_BY_PARTICIPANT, SENT_TO_EMPLOYER, INTERVIEW. For a training, "employer" is the training body. STALE: no step for PROPOSAL_STALE_DAYS (the sweep).',
});
registerEnumType(ProposalReason, {
  name: 'ProposalReason',
  description:
    "Why a proposal ended. The participant's: NOT_INTERESTED, CONDITIONS, SCHEDULE, MOBILITY, FOUND_ELSEWHERE, OTHER. The employer's: UNREACHABLE, NO_SHOW_AT_INTERVIEW, SKILLS, NO_POSITION, OTHER. PATHWAY_CLOSED is the system's. OTHER needs a comment.",
});
registerEnumType(FitReason, { name: 'FitReason', description: 'Why a person matches an offer.' });

@ObjectType('ProposedOffer', { description: 'The offer as the pathway shows it to whoever reads the pathway.' })
export class ProposedOfferNode {
  @Field(() => ID) opportunityId: string;
  @Field() title: string;
  @Field(() => OpportunityKind) kind: OpportunityKind;
  @Field(() => ContractType) contractType: ContractType;
  @Field() partnerName: string;
  @Field() communeCode: string;
  @Field(() => LocalDateScalar) startOn: string;
}

@ObjectType('ProposalStep')
export class ProposalStepNode {
  @Field(() => ProposalStatus) step: ProposalStatus;
  @Field(() => LocalDateScalar) on: string;
  @Field(() => ProposalReason, { nullable: true }) reason: ProposalReason | null;
  @Field(() => String, { nullable: true, description: "The operator's staff and ADMIN only; null for anyone else." }) comment: string | null;
  @Field({ description: 'When it was recorded.' }) at: Date;
}

@ObjectType('PlacementDraft', { description: 'What a HIRED proposal will prefill in startPlacement.' })
export class PlacementDraftNode {
  @Field(() => ID) proposalId: string;
  @Field(() => ContractType) contractType: ContractType;
  @Field(() => ID, { nullable: true }) employerPartnerId: string | null;
  @Field(() => ID, { nullable: true }) tempAgencyPartnerId: string | null;
  @Field(() => ID, { nullable: true }) clientPartnerId: string | null;
  @Field(() => ID, { nullable: true }) trainingBodyPartnerId: string | null;
  @Field(() => Qualification, { nullable: true }) qualification: Qualification | null;
  @Field(() => Int, { nullable: true }) level: number | null;
  @Field(() => LocalDateScalar) startOn: string;
  @Field(() => LocalDateScalar, { nullable: true }) plannedEndOn: string | null;
  @Field(() => Int, { nullable: true }) hoursPerWeek: number | null;
}

@AboutParticipant((source) => ({ participantId: of(source, 'participantId'), objectType: 'Proposal', objectId: of(source, 'id') }))
@ObjectType('Proposal')
export class ProposalNode {
  @NotPersonal() @Field(() => ID) id: string;
  @Personal() @Field(() => ProposalStatus) status: ProposalStatus;
  @Personal() @Field(() => ProposedOfferNode) offer: ProposedOfferNode;
  @Personal() @Field(() => LocalDateScalar) proposedOn: string;
  @Personal() @Field(() => LocalDateScalar) lastStepOn: string;
  @Personal() @Field(() => ProposalReason, { nullable: true, description: 'The final step\'s reason code.' }) reason: ProposalReason | null;
  @Personal() @Field(() => [ProposalStepNode], { description: 'Oldest first.' }) steps: ProposalStepNode[];
  @Personal() @Field(() => PlacementDraftNode, { nullable: true, description: 'Once HIRED.' }) placementDraft: PlacementDraftNode | null;
  /** Not fields: for the audit. */
  pathwayId: string;
  participantId: string;
}

@ObjectType()
export class ProposalPayload extends Payload {
  @Field(() => ProposalNode, { nullable: true }) proposal?: ProposalNode;
  @Field(() => PathwayNode, { nullable: true }) pathway?: PathwayNode;
}

@InputType()
export class ProposeOpportunityInput {
  @Field(() => ID) @IsString() pathwayId: string;
  @Field(() => ID) @IsString() opportunityId: string;
}

@InputType()
export class RecordProposalStepInput {
  @Field(() => ID) @IsString() proposalId: string;
  @Field(() => ProposalStatus) @IsEnum(ProposalStatus) step: ProposalStatus;
  @Field(() => LocalDateScalar, { description: 'The day it happened: not in the future, not before the previous step.' }) on: string;
  @Field(() => ProposalReason, { nullable: true, description: 'Required for DECLINED_BY_PARTICIPANT, REJECTED_BY_EMPLOYER and CANCELLED; refused otherwise.' })
  @IsOptional()
  @IsEnum(ProposalReason)
  reason?: ProposalReason | null;
  @Text(2000, { nullable: true, description: "Staff's own words (required with OTHER); never in a report." }) @IsOptional() comment?: string | null;
}

@AboutParticipant((source) => ({ participantId: of(source, 'participantId'), objectType: 'Pathway', objectId: of(source, 'pathwayId') }))
@ObjectType('Candidate', { description: 'A person an offer could go to, and why.' })
export class CandidateNode {
  @NotPersonal() @Field(() => PathwayNode) pathway: PathwayNode;
  @Personal() @Field(() => Int, { description: 'Out of 100.' }) score: number;
  @Personal() @Field(() => [FitReason]) reasons: FitReason[];
  /** Not fields: for the audit. */
  pathwayId: string;
  participantId: string;
}

@ObjectType()
export class CandidateConnection extends Connection(CandidateNode, 'Candidate') {}
