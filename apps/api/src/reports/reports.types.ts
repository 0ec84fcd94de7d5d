import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { BarrierTheme } from '@parcours/participants';
import { ContractType, OpportunityKind, Qualification } from '@parcours/opportunities';
import { DeclineReason, ExitReason, FollowUpDifficultyTheme, FollowUpSituation, OutcomeCategory, PlacementEndReason, ProposalReason, ProposalStatus, Readiness } from '@parcours/pathways';
import { ReportKind, ReportState } from '@parcours/reports';
import { IsEnum, IsOptional, IsString } from 'class-validator';
import { Connection } from '../graphql/connection';
import { LocalDateScalar } from '../graphql/scalars/local-date.scalar';
import { Payload } from '../graphql/user-error';
import { AboutParticipant, NotPersonal, Personal, of } from '../audit/graphql-personal-data';

registerEnumType(ReportKind, { name: 'ReportKind' });
registerEnumType(ReportState, { name: 'ReportState', description: 'UNACKNOWLEDGED until its due day, OVERDUE after it, ACKNOWLEDGED once read.' });

@ObjectType('ReportedBarrier', { description: 'A barrier as the referent reads it: theme and blocking flag only.' })
export class ReportedBarrier {
  @Field(() => BarrierTheme) theme: BarrierTheme;
  @Field() blocking: boolean;
}

@ObjectType('ReportedProposal', { description: 'An offer as the referent reads it: title, kind, contract type, partner, and how it ended (a code, never a comment).' })
export class ReportedProposal {
  @Field() title: string;
  @Field(() => OpportunityKind) kind: OpportunityKind;
  @Field(() => ContractType) contractType: ContractType;
  @Field() partnerName: string;
  @Field(() => ProposalStatus) step: ProposalStatus;
  @Field(() => ProposalReason, { nullable: true }) reason: ProposalReason | null;
}

@ObjectType('ReportedPlacement', { description: 'A placement as the referent reads it: contract, with whom, dates, how it ended (a code, never a comment).' })
export class ReportedPlacement {
  @Field(() => ContractType) contractType: ContractType;
  @Field(() => String, { nullable: true, description: 'The employer, temp agency or training body.' }) partnerName: string | null;
  @Field(() => String, { nullable: true, description: "A temp agency's client." }) clientName: string | null;
  @Field(() => LocalDateScalar) startOn: string;
  @Field(() => LocalDateScalar, { nullable: true }) plannedEndOn: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) endedOn: string | null;
  @Field(() => PlacementEndReason, { nullable: true }) endReason: PlacementEndReason | null;
  @Field(() => Int, { nullable: true }) hoursPerWeek: number | null;
  @Field(() => Qualification, { nullable: true }) qualification: Qualification | null;
}

@ObjectType('ReportedDifficulty', { description: 'A difficulty as the referent reads it: theme and blocking flag only (never JUSTICE).' })
export class ReportedDifficulty {
  @Field(() => FollowUpDifficultyTheme) theme: FollowUpDifficultyTheme;
  @Field() blocking: boolean;
}

@ObjectType('ReportedFollowUp', { description: 'What a follow-up contact found worrying.' })
export class ReportedFollowUp {
  @Field(() => LocalDateScalar) contactOn: string;
  @Field(() => FollowUpSituation, { nullable: true }) situation: FollowUpSituation | null;
  @Field(() => [ReportedDifficulty]) difficulties: ReportedDifficulty[];
}

@ObjectType('ReportedExit', { description: "The exit and its computed category (after a placement's correction: the category only)." })
export class ReportedExit {
  @Field(() => LocalDateScalar, { nullable: true }) exitedOn: string | null;
  @Field(() => ExitReason, { nullable: true }) reason: ExitReason | null;
  @Field(() => OutcomeCategory) category: OutcomeCategory;
}

@AboutParticipant((source) => ({ participantId: of(source, 'participantId'), objectType: 'ReferentReport', objectId: of(source, 'id') }))
@ObjectType('ReferentReport', { description: 'A report to the pathway\'s referent: systematic, written with the event that triggers it.' })
export class ReferentReportNode {
  @NotPersonal() @Field(() => ID) id: string;
  @NotPersonal() @Field(() => ReportKind) kind: ReportKind;
  @NotPersonal() @Field({ description: 'A corrected diagnostic sends a new report marked so.' }) correction: boolean;
  @NotPersonal() @Field(() => ID) pathwayId: string;
  @NotPersonal() @Field(() => ID) participantId: string;
  @Personal() @Field({ description: "The person's names." }) participantName: string;
  @Personal() @Field(() => Readiness, { nullable: true }) readiness: Readiness | null;
  @Personal() @Field(() => [ReportedBarrier]) barriers: ReportedBarrier[];
  @Personal() @Field(() => DeclineReason, { nullable: true }) declineReason: DeclineReason | null;
  @Personal() @Field(() => ReportedProposal, { nullable: true, description: 'PROPOSAL_ACCEPTED and PROPOSAL_DECLINED: the offer and the step.' }) proposal: ReportedProposal | null;
  @Personal() @Field(() => ReportedPlacement, { nullable: true, description: 'PLACEMENT_STARTED and PLACEMENT_ENDED (and their corrections).' }) placement: ReportedPlacement | null;
  @Personal() @Field(() => ReportedFollowUp, { nullable: true, description: 'FOLLOW_UP_DIFFICULTY.' }) followUp: ReportedFollowUp | null;
  @Personal() @Field(() => ReportedExit, { nullable: true, description: 'PATHWAY_EXITED, or a correction that changed an exited pathway\'s category.' }) exit: ReportedExit | null;
  @Personal() @Field() nextStep: string;
  @Personal() @Field(() => String, { nullable: true, description: "The counsellor's summary, written for the referent." }) counsellorSummary: string | null;
  @NotPersonal() @Field({ description: 'When the event happened.' }) eventAt: Date;
  @NotPersonal() @Field(() => LocalDateScalar, { description: 'Acknowledge by this working day.' }) dueOn: string;
  @NotPersonal() @Field(() => ReportState) state: ReportState;
  @NotPersonal() @Field(() => Date, { nullable: true }) acknowledgedAt: Date | null;
  @NotPersonal() @Field(() => ID) referentId: string;
}

@ObjectType()
export class ReferentReportConnection extends Connection(ReferentReportNode, 'ReferentReport') {}

@ObjectType()
export class ReportPayload extends Payload {
  @Field(() => ReferentReportNode, { nullable: true }) report?: ReferentReportNode;
}

@InputType()
export class ReferentReportsFilter {
  @Field(() => ReportState, { nullable: true }) @IsOptional() @IsEnum(ReportState) state?: ReportState;
  @Field(() => ID, { nullable: true, description: 'A MANAGER or ADMIN: one referent\'s reports.' }) @IsOptional() @IsString() referentId?: string;
}

@InputType()
export class AcknowledgeReportInput {
  @Field(() => ID) @IsString() reportId: string;
}
